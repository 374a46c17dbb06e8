import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpProbe, probeAddress } from '../../src/main/containers/httpProbe';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server on 127.0.0.1 with a random port, closed after the test; counts connections. */
async function listen(server: net.Server): Promise<{ port: number; connections: () => number; open: () => number }> {
  let connections = 0;
  let open = 0;
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    connections += 1;
    open += 1;
    sockets.add(socket);
    // Read (and drop) what comes, so the end of the connection is seen.
    socket.on('data', () => undefined);
    socket.on('close', () => {
      open -= 1;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, connections: () => connections, open: () => open };
}

const web = () => listen(http.createServer((_request, response) => response.writeHead(404).end()));
const silent = () => listen(net.createServer(() => undefined));
const notHttp = () => listen(net.createServer((socket) => socket.end('-ERR unknown command\r\n')));

describe('HttpProbe', () => {
  it('says yes for any HTTP answer and no for a silent port, a non-HTTP reply or a closed port', async () => {
    const probe = new HttpProbe({ timeoutMs: 200, cacheMs: 0 });
    expect(await probe.probe({ ip: '0.0.0.0', port: (await web()).port })).toEqual({ answersHttp: true });
    expect(await probe.probe({ ip: '127.0.0.1', port: (await silent()).port })).toEqual({ answersHttp: false });
    expect(await probe.probe({ ip: null, port: (await notHttp()).port })).toEqual({ answersHttp: false });
    const closed = await silent();
    await closers.pop()!();
    expect(await probe.probe({ ip: '127.0.0.1', port: closed.port })).toEqual({ answersHttp: false });
  });

  it('asks at most `concurrency` ports at once', async () => {
    const servers = await Promise.all([silent(), silent(), silent(), silent(), silent()]);
    let most = 0;
    const watch = setInterval(() => {
      most = Math.max(
        most,
        servers.reduce((sum, server) => sum + server.open(), 0),
      );
    }, 5);
    const probe = new HttpProbe({ timeoutMs: 150, concurrency: 2 });
    await Promise.all(servers.map((server) => probe.probe({ ip: '127.0.0.1', port: server.port })));
    clearInterval(watch);
    expect(servers.every((server) => server.connections() === 1)).toBe(true);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('reuses a yes for cacheMs and a no only for negativeCacheMs', async () => {
    let now = 0;
    const probe = new HttpProbe({ timeoutMs: 200, cacheMs: 10_000, negativeCacheMs: 2000, now: () => now });
    const server = await web();
    await probe.probe({ ip: '127.0.0.1', port: server.port });
    now = 9000;
    await probe.probe({ ip: '0.0.0.0', port: server.port });
    expect(server.connections()).toBe(1);

    const quiet = await silent();
    await probe.probe({ ip: '127.0.0.1', port: quiet.port });
    now = 10_500;
    await probe.probe({ ip: '127.0.0.1', port: quiet.port });
    expect(quiet.connections()).toBe(1);
    now = 11_500;
    await probe.probe({ ip: '127.0.0.1', port: quiet.port });
    expect(quiet.connections()).toBe(2);
  });
});

describe('probeAddress', () => {
  const local = () => ['127.0.0.1', '::1', '192.168.1.20'];
  it('asks loopback for every-address and loopback bindings, and refuses other machines', () => {
    for (const ip of [null, '', '0.0.0.0', '::', '127.0.0.1']) expect(probeAddress(ip, local)).toBe('127.0.0.1');
    expect(probeAddress('::1', local)).toBe('::1');
    expect(probeAddress('192.168.1.20', local)).toBe('192.168.1.20');
    expect(() => probeAddress('203.0.113.7', local)).toThrow(/not an address of this computer/);
  });
});
