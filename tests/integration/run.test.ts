import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PullManager } from '../../src/main/images/pullManager';
import { imageSource } from '../../src/main/run/imageFacts';
import { RunService } from '../../src/main/run/runService';
import { BerthError } from '../../src/shared/errors';
import { BIND_FORBIDDEN, runFlowSchema, runInputSchema, type RunFlow, type RunInput } from '../../src/shared/run';
import { docker, dockerQuiet, engineFamily, PODMAN_SOCKET, requireEngine } from '../fixtures/dockerCli';
import { freePort } from '../fixtures/freePort';
import { engineClient } from '../fixtures/engineClient';
import { waitForValue } from '../fixtures/waitFor';

const GREETING = 'Hello from Docker!';

function lines(output: string): string[] {
  return output === '' ? [] : output.split('\n');
}

/** Every container (any state) Berth labelled, as `docker ps -a` lists them. */
function labelledContainers(): string[] {
  return lines(docker('ps', '-aq', '--no-trunc', '--filter', 'label=berth.run'));
}

/** Sends PING to a redis and resolves with its first answer line. */
function redisPing(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from 127.0.0.1:${port}; got ${JSON.stringify(answer)}`));
    }, 5000);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (!answer.includes('\r\n')) return;
      clearTimeout(timer);
      socket.end();
      resolve(answer.split('\r\n')[0]!);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

describe.skipIf(!requireEngine.available)('docker run through the run service, against the real engine', () => {
  let client: Docker;
  let pulls: PullManager;
  let service: RunService;
  const suffix = randomBytes(4).toString('hex');
  const runIds: string[] = [];
  const names: string[] = [];

  const request = (input: RunInput) => runInputSchema.parse(input);

  async function start(input: RunInput, target: RunService = service): Promise<string> {
    const { runId } = await target.start(request(input));
    runIds.push(runId);
    return runId;
  }

  /** Resolves with the first flow (current or coming) that matches. */
  function flowWhere(
    runId: string,
    predicate: (flow: RunFlow) => boolean,
    target: RunService = service,
    timeoutMs = 30_000,
  ): Promise<RunFlow> {
    const watched = {
      current: () => target.flow(runId),
      subscribe: (listener: (flow: RunFlow) => void) => target.onFlow(runId, listener),
    };
    return waitForValue('flow', watched, predicate, { timeoutMs });
  }

  const finished = (runId: string, target: RunService = service) =>
    flowWhere(runId, (flow) => flow.state === 'exited' || flow.state === 'failed', target);

  const texts = (flow: RunFlow) => flow.output.map((line) => line.text);

  beforeAll(() => {
    client = engineClient();
    pulls = new PullManager({ getClient: () => client });
    service = new RunService({ getClient: () => client, pulls });
    // busybox and redis come from the testbed's registry; make sure they are in the cache.
    for (const image of ['busybox', 'redis']) {
      if (!dockerQuiet('image', 'inspect', '--format', '{{.Id}}', image)) docker('pull', '-q', image);
    }
  });

  afterEach(() => {
    for (const runId of runIds.splice(0)) {
      for (const id of lines(docker('ps', '-aq', '--filter', `label=berth.run=${runId}`))) dockerQuiet('rm', '-f', id);
    }
    for (const name of names.splice(0)) dockerQuiet('rm', '-f', name);
  });

  afterAll(() => {
    service?.dispose();
  });

  /** Docker Hub's mirrors as `docker info` shows them (dockerd: Mirrors; Podman: the docker.io index). */
  function hubMirrorsFromCli(): string[] {
    const config = JSON.parse(docker('info', '--format', '{{json .RegistryConfig}}')) as {
      Mirrors?: string[] | null;
      IndexConfigs?: Record<string, { Mirrors?: string[] | null }>;
    };
    const indexed = config.IndexConfigs?.['docker.io']?.Mirrors ?? [];
    return (indexed.length > 0 ? indexed : (config.Mirrors ?? [])).map((mirror) => mirror.replace(/\/+$/, ''));
  }

  describe('(9) where a pull comes from, as GET /info says', () => {
    it('this testbed pulls Docker Hub images through its mirror (dockerd: http://127.0.0.1:5000)', async () => {
      const source = await imageSource(client, 'docker.io');
      expect(source).toEqual({ registry: 'docker.io', mirrors: hubMirrorsFromCli() });
      if (engineFamily() === 'docker') expect(source.mirrors).toEqual(['http://127.0.0.1:5000']);
    });

    it.skipIf(!fs.existsSync(PODMAN_SOCKET))('Podman lists its mirrors per registry: read there too', async () => {
      const podman = new Dockerode({ socketPath: PODMAN_SOCKET });
      const source = await imageSource(podman, 'docker.io');
      expect(source.registry).toBe('docker.io');
      expect(source.mirrors).toEqual(['127.0.0.1:5000']);
    });

    it('an image named with its registry is pulled from that registry, no mirror', async () => {
      const reference = '127.0.0.1:5000/library/hello-world:latest';
      dockerQuiet('rmi', reference);
      try {
        const runId = await start({ image: reference, autoRemove: true });
        const flow = await finished(runId);
        expect(flow).toMatchObject({
          state: 'exited',
          cacheHit: false,
          source: { registry: '127.0.0.1:5000', mirrors: [] },
          command: `docker run --rm ${reference}`,
        });
      } finally {
        dockerQuiet('rmi', reference);
      }
    });
  });

  describe('(7) the ports an image EXPOSEs', () => {
    const tag = `berth-expose-${suffix}:test`;
    beforeAll(() => {
      execFileSync('docker', ['build', '-q', '-t', tag, '-'], {
        input: 'FROM busybox\nEXPOSE 8080 5353/udp 80/tcp\n',
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    });
    afterAll(() => {
      dockerQuiet('rmi', '-f', tag);
    });

    it('are read from the local image, sorted, with their protocol', async () => {
      expect(await service.exposedPorts(tag)).toEqual({
        present: true,
        ports: [
          { port: 80, protocol: 'tcp' },
          { port: 5353, protocol: 'udp' },
          { port: 8080, protocol: 'tcp' },
        ],
      });
      expect(await service.exposedPorts('busybox')).toEqual({ present: true, ports: [] });
      // redis as the testbed has it: whatever its EXPOSE says, as `docker image inspect` says it.
      const redisExposed = Object.keys(
        JSON.parse(docker('image', 'inspect', '--format', '{{json .Config.ExposedPorts}}', 'redis')) ?? {},
      );
      expect((await service.exposedPorts('redis')).ports.map((p) => `${p.port}/${p.protocol}`)).toEqual(redisExposed);
    });

    it('an image not in the cache has none to offer yet', async () => {
      expect(await service.exposedPorts(`berth-not-here-${suffix}`)).toEqual({ present: false, ports: [] });
      expect(await service.exposedPorts('Not A Reference')).toEqual({ present: false, ports: [] });
    });
  });

  describe('(22) restart policies after an exit', () => {
    it('--restart always with exit 0: exited, and the engine is restarting it', async () => {
      const name = `berth-always-${suffix}`;
      names.push(name);
      const runId = await start({ image: 'busybox', name, command: ['sh', '-c', 'echo hi'], restartPolicy: 'always' });
      const flow = await finished(runId);
      expect(flow).toMatchObject({ state: 'exited', exitCode: 0, restarting: true, restartPolicy: 'always' });
      expect(flow.command).toBe(`docker run -d --name ${name} --restart always busybox sh -c 'echo hi'`);
      // The engine agrees: it has restarted it, or is about to.
      const [restarts, status] = docker('inspect', '--format', '{{.RestartCount}} {{.State.Status}}', name).split(' ');
      expect(Number(restarts) > 0 || status === 'restarting' || status === 'running').toBe(true);
    });

    it('--restart on-failure with exit 0 is not restarted, and says so', async () => {
      const name = `berth-onfailure-${suffix}`;
      names.push(name);
      const runId = await start({ image: 'busybox', name, command: ['true'], restartPolicy: 'on-failure' });
      const flow = await finished(runId);
      expect(flow).toMatchObject({ state: 'exited', exitCode: 0, restarting: false });
      expect(docker('inspect', '--format', '{{.State.Status}}', name)).toBe('exited');
    });
  });

  describe('(22) a folder that leads to one that may not be shared', () => {
    it('is found by run.check, on its row, with where it leads and why', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-run-link-'));
      try {
        const link = path.join(dir, 'innocent');
        fs.symlinkSync('/', link);
        const input = request({
          image: 'busybox',
          volumes: [{ kind: 'bind', hostPath: link, containerPath: '/host', confirmed: true }],
        });
        expect((await service.check(input)).issues).toEqual([
          {
            field: 'volumes.0.hostPath',
            code: 'folder-forbidden',
            message: expect.stringContaining('leads to /'),
            realPath: '/',
            reason: 'disk',
          },
        ]);
        const before = labelledContainers();
        await expect(service.start(input)).rejects.toMatchObject({
          code: 'invalid-input',
          issues: [{ path: 'volumes.0.hostPath', message: BIND_FORBIDDEN }],
        });
        expect(labelledContainers()).toEqual(before);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('first run of hello-world: not in the cache, pulled from the Hub, created, started, greets', async () => {
    // The course's first `docker run hello-world`: no image yet.
    for (const id of lines(dockerQuiet('ps', '-aq', '--filter', 'ancestor=hello-world'))) dockerQuiet('rm', '-f', id);
    dockerQuiet('rmi', '-f', 'hello-world');
    expect(dockerQuiet('image', 'inspect', 'hello-world')).toBe('');

    const runId = await start({ image: 'hello-world' });
    const flow = await finished(runId);

    expect(runFlowSchema.parse(flow)).toEqual(flow);
    expect(flow).toMatchObject({
      runId,
      image: 'hello-world:latest',
      state: 'exited',
      exitCode: 0,
      cacheHit: false,
      error: null,
      steps: { client: 'done', daemon: 'done', cache: 'done', hub: 'done', create: 'done', start: 'done' },
    });
    expect(flow.pullJobId).toEqual(expect.any(String));
    expect(pulls.get(flow.pullJobId!)).toMatchObject({ reference: 'hello-world:latest', state: 'done' });
    // (9) The line that ran, and where the image came from: Docker Hub, through the engine's mirrors.
    expect(flow.command).toBe('docker run hello-world');
    expect(flow.source).toEqual({ registry: 'docker.io', mirrors: hubMirrorsFromCli() });
    expect(texts(flow)).toContain(GREETING);
    expect(flow.output.every((line) => line.stream === 'stdout')).toBe(true);
    expect(flow.outputTruncated).toBe(false);

    // `docker ps -a` shows the exited container, with Berth's label and the name the flow gives.
    expect(flow.containerId).toMatch(/^[0-9a-f]{64}$/);
    const listed = docker(
      'ps',
      '-a',
      '--no-trunc',
      '--filter',
      `id=${flow.containerId}`,
      '--format',
      '{{.Names}} {{.Status}}',
    );
    expect(listed).toMatch(new RegExp(`^${flow.containerName} Exited \\(0\\)`));
    expect(docker('inspect', '--format', '{{index .Config.Labels "berth.run"}}', flow.containerId!)).toBe(runId);
    expect(dockerQuiet('image', 'inspect', '--format', '{{.Id}}', 'hello-world')).not.toBe('');
  });

  it('second run of hello-world: found in the cache, the Hub is skipped, no new pull', async () => {
    if (!dockerQuiet('image', 'inspect', '--format', '{{.Id}}', 'hello-world')) docker('pull', '-q', 'hello-world');
    const jobsBefore = pulls.list().length;

    const runId = await start({ image: 'hello-world' });
    const flow = await finished(runId);

    expect(flow).toMatchObject({
      state: 'exited',
      exitCode: 0,
      cacheHit: true,
      pullJobId: null,
      steps: { client: 'done', daemon: 'done', cache: 'done', hub: 'skipped', create: 'done', start: 'done' },
    });
    expect(pulls.list()).toHaveLength(jobsBefore);
    expect(texts(flow)).toContain(GREETING);
  });

  it('"Run again" runs with the same ports, variables and command, without the name the first container keeps', async () => {
    const name = `berth-again-${suffix}`;
    names.push(name);
    const hostPort = await freePort();
    const first = await start({
      image: 'busybox',
      name,
      ports: [{ hostIp: '127.0.0.1', hostPort, containerPort: 80, protocol: 'tcp' }],
      env: [{ key: 'DB_PASSWORD', value: 'hunter2' }],
      command: 'sh -c "echo $DB_PASSWORD"',
    });
    expect(texts(await finished(first))).toContain('hunter2');

    const { runId: second } = await service.again(first);
    runIds.push(second);
    const flow = await finished(second);
    expect(flow).toMatchObject({ state: 'exited', exitCode: 0 });
    // The secret was given again, though the page only ever showed it masked.
    expect(texts(flow)).toContain('hunter2');
    expect(flow.containerName).not.toBe(name);
    expect(flow.command).not.toContain('--name');
    expect(flow.command).toContain(`-p 127.0.0.1:${hostPort}:80`);
    const [secondId] = lines(docker('ps', '-aq', '--filter', `label=berth.run=${second}`));
    expect(docker('inspect', '--format', '{{json .HostConfig.PortBindings}}', secondId!)).toContain(`"${hostPort}"`);
  });

  it('with auto-remove, greets and the container is gone afterwards', async () => {
    const runId = await start({ image: 'hello-world', autoRemove: true });
    const flow = await finished(runId);
    expect(flow).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(texts(flow)).toContain(GREETING);
    expect(docker('ps', '-aq', '--filter', `label=berth.run=${runId}`)).toBe('');
  });

  it('with auto-remove, reports the exit code the container exited with (Podman answers a removed-wait with 0)', async () => {
    const runId = await start({ image: 'busybox', command: ['sh', '-c', 'exit 3'], autoRemove: true });
    const flow = await finished(runId);
    expect(flow).toMatchObject({ state: 'exited', exitCode: 3, error: null });
    expect(docker('ps', '-aq', '--filter', `label=berth.run=${runId}`)).toBe('');
  });

  it('a missing image that cannot be pulled fails at the Hub step, with the pull’s error, creating nothing', async () => {
    const image = `berth-missing-${suffix}`;
    const runId = await start({ image });
    const flow = await finished(runId);
    expect(flow).toMatchObject({
      state: 'failed',
      cacheHit: false,
      exitCode: null,
      containerId: null,
      steps: { cache: 'done', hub: 'failed', create: 'pending', start: 'pending' },
    });
    const job = pulls.get(flow.pullJobId!);
    expect(job?.state).toBe('failed');
    expect(flow.error).toEqual(job?.error);
    expect(docker('ps', '-aq', '--filter', `label=berth.run=${runId}`)).toBe('');
  });

  it('redis with a published port and a name: running, listed, answers PING on the host port', async () => {
    const port = await freePort();
    const name = `berth-redis-${suffix}`;
    names.push(name);

    const runId = await start({
      image: 'redis',
      name,
      ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 6379 }],
    });
    const ready = await flowWhere(runId, (flow) =>
      texts(flow).some((text) => text.includes('Ready to accept connections')),
    );

    expect(ready).toMatchObject({
      state: 'running',
      containerName: name,
      exitCode: null,
      error: null,
      // Whether redis was in the cache depends on what ran before; either way it got there.
      steps: { client: 'done', daemon: 'done', cache: 'done', create: 'done', start: 'done' },
    });
    expect(docker('ps', '--filter', `name=^/?${name}$`, '--format', '{{.Names}} {{.Ports}}')).toBe(
      `${name} 127.0.0.1:${port}->6379/tcp`,
    );
    expect(await redisPing(port)).toBe('+PONG');

    // Now the engine knows the port and the name are taken, and says by whom.
    const { issues } = await service.check(
      request({ image: 'redis', name, ports: [{ hostIp: '0.0.0.0', hostPort: port, containerPort: 6379 }] }),
    );
    expect(issues).toEqual([
      { field: 'name', code: 'name-in-use', message: expect.stringContaining(`"${name}"`) },
      {
        field: 'ports.0.hostPort',
        code: 'port-in-use',
        message: expect.stringContaining(`container "${name}"`),
        // (22) The dialog names the container from this.
        holder: name,
      },
    ]);

    // Removing it from outside ends the flow: the wait answers, nothing polls.
    docker('rm', '-f', name);
    const ended = await finished(runId);
    expect(ended.state).toBe('exited');
    expect(ended.exitCode).not.toBeNull();
  });

  describe('problems found before anything is created', () => {
    it('a bad reference: check says reference-invalid, start throws invalid-input', async () => {
      const before = labelledContainers();
      const input = request({ image: 'hello-world' });
      input.image = 'Redis:Latest!!'; // the schema would refuse it; the service must too

      const { issues } = await service.check(input);
      expect(issues).toEqual([
        { field: 'image', code: 'reference-invalid', message: expect.stringContaining('Redis:Latest!!') },
      ]);
      const error = await service.start(input).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BerthError);
      expect(error).toMatchObject({ code: 'invalid-input', issues: [{ path: 'image' }] });
      expect(labelledContainers()).toEqual(before);
    });

    it('a host port another program holds: check says port-in-use, start throws port-in-use', async () => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      try {
        const before = labelledContainers();
        const input = request({
          image: 'redis',
          ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 6379 }],
        });

        const { issues } = await service.check(input);
        expect(issues).toEqual([
          {
            field: 'ports.0.hostPort',
            code: 'port-in-use',
            message: expect.stringContaining(`127.0.0.1:${port}/tcp`),
            holder: null,
          },
        ]);
        expect(issues[0]?.message).toContain('another program');
        // 0.0.0.0 overlaps 127.0.0.1: taken too.
        const wildcard = await service.check(
          request({ image: 'redis', ports: [{ hostIp: '0.0.0.0', hostPort: port, containerPort: 6379 }] }),
        );
        expect(wildcard.issues.map((issue) => issue.code)).toEqual(['port-in-use']);

        await expect(service.start(input)).rejects.toMatchObject({ code: 'port-in-use' });
        expect(labelledContainers()).toEqual(before);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      // Once the program lets go, the port is free again.
      const { issues } = await service.check(
        request({ image: 'redis', ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 6379 }] }),
      );
      expect(issues).toEqual([]);
    });

    it('a udp host port another program holds is port-in-use too', async () => {
      const dgram = await import('node:dgram');
      const socket = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const { port } = socket.address();
      try {
        const { issues } = await service.check(
          request({
            image: 'busybox',
            ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 53, protocol: 'udp' }],
          }),
        );
        expect(issues.map((issue) => [issue.code, issue.field])).toEqual([['port-in-use', 'ports.0.hostPort']]);
      } finally {
        socket.close();
      }
    });

    it('a name another container has (in any state): name-in-use, only exact names count', async () => {
      const name = `berth-clash-${suffix}`;
      names.push(name);
      docker('create', '--name', name, 'busybox');
      const before = labelledContainers();

      const { issues } = await service.check(request({ image: 'busybox', name }));
      expect(issues).toEqual([{ field: 'name', code: 'name-in-use', message: expect.stringContaining(`"${name}"`) }]);
      await expect(service.start(request({ image: 'busybox', name }))).rejects.toMatchObject({
        code: 'name-in-use',
        issues: [{ path: 'name' }],
      });
      expect(labelledContainers()).toEqual(before);
      expect(lines(docker('ps', '-aq', '--filter', `name=^/?${name}$`))).toHaveLength(1);

      // A prefix of the name, or the name with a regex-special dot, is not the same name.
      expect((await service.check(request({ image: 'busybox', name: name.slice(0, -1) }))).issues).toEqual([]);
      expect((await service.check(request({ image: 'busybox', name: `berth.clash-${suffix}` }))).issues).toEqual([]);
    });
  });

  it('stdout and stderr arrive on their own streams, with the exit code', async () => {
    const runId = await start({ image: 'busybox', command: ['sh', '-c', 'echo out; echo err 1>&2; exit 3'] });
    const flow = await finished(runId);
    expect(flow).toMatchObject({ state: 'exited', exitCode: 3, error: null });
    // The engine copies the two pipes separately: across streams the order is not guaranteed (under
    // load err can come first, with `docker run` too); within each stream it is.
    expect(flow.output).toHaveLength(2);
    expect(flow.output).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', text: 'out' },
        { stream: 'stderr', text: 'err' },
      ]),
    );
  });

  it('keeps a last line without a newline', async () => {
    const runId = await start({ image: 'busybox', command: ['sh', '-c', 'printf "one\\ntwo"'] });
    const flow = await finished(runId);
    expect(texts(flow)).toEqual(['one', 'two']);
  });

  it('a command the image does not have fails at the start step with the engine’s reason', async () => {
    const runId = await start({ image: 'busybox', command: ['/no/such/program'] });
    const flow = await finished(runId);
    expect(flow).toMatchObject({ state: 'failed', steps: { create: 'done', start: 'failed' } });
    expect(flow.error?.code).toBe('engine-error');
    expect(flow.error?.message).toMatch(/no such file or directory|not found/i);
  });

  it('remembers the newest finished flows, and never forgets one still running', async () => {
    const small = new RunService({ getClient: () => client, pulls, maxFlows: 1 });
    try {
      const sleeper = await start({ image: 'busybox', command: ['sleep', '60'] }, small);
      await flowWhere(sleeper, (flow) => flow.steps.start === 'done', small);
      const first = await start({ image: 'hello-world' }, small);
      await finished(first, small);
      const second = await start({ image: 'hello-world' }, small);
      await finished(second, small);

      expect(small.flow(first)).toBeUndefined();
      expect(small.flow(second)?.state).toBe('exited');
      expect(small.flow(sleeper)).toMatchObject({ state: 'running', exitCode: null });

      // Stopping it from outside still reaches its listeners.
      const ended = new Promise<RunFlow>((resolve) =>
        small.onFlow(sleeper, (flow) => (flow.state === 'exited' || flow.state === 'failed') && resolve(flow)),
      );
      docker('rm', '-f', small.flow(sleeper)!.containerId!);
      expect((await ended).state).toBe('exited');
    } finally {
      small.dispose();
    }
  });

  it.each([
    ['seq 1 5000', ['seq', '1', '5000']],
    // The same lines written one echo at a time over a longer while: many small frames.
    ['an echo loop', ['sh', '-c', 'i=0; while [ $i -lt 5000 ]; do i=$((i+1)); echo $i; done']],
  ])('coalesces updates to one per 100 ms and keeps the newest lines: %s', async (_label, command) => {
    const chatty = new RunService({ getClient: () => client, pulls, maxOutputLines: 1000, updateIntervalMs: 100 });
    try {
      const updates: Array<{ at: number; flow: RunFlow }> = [];
      const startedAt = Date.now();
      const runId = await start({ image: 'busybox', command }, chatty);
      const unsubscribe = chatty.onFlow(runId, (flow) => updates.push({ at: Date.now(), flow }));
      const final = await finished(runId, chatty);
      unsubscribe();
      const duration = Date.now() - startedAt;

      expect(final).toMatchObject({ state: 'exited', exitCode: 0, outputTruncated: true });
      expect(updates.length).toBeGreaterThan(0);
      expect(updates.length).toBeLessThanOrEqual(duration / 100 + 2);
      // Between coalesced updates at least the interval passes; only the final one comes at once.
      for (let i = 1; i < updates.length - 1; i++) {
        expect(updates[i]!.at - updates[i - 1]!.at).toBeGreaterThanOrEqual(95);
      }
      const last = updates.at(-1)!.flow;
      expect(last).toEqual(final);
      expect(last).toEqual(chatty.flow(runId));
      expect(last.output).toHaveLength(1000);
      expect(last.output[0]?.text).toBe('4001');
      expect(last.output.at(-1)?.text).toBe('5000');
      expect(last.output.map((line) => Number(line.text))).toEqual(Array.from({ length: 1000 }, (_, k) => 4001 + k));
    } finally {
      chatty.dispose();
    }
  });
});
