import { describe, expect, it } from 'vitest';
import type { ClientCheck } from '../../src/shared/engine';
import { ansicDate, formatVersionReport } from '../../src/shared/versionReport';
import {
  clientFound,
  clientVersion,
  connectedStatus,
  disconnectedStatus,
  podmanServerVersion,
  serverVersion,
} from '../fixtures/builders/engineStatus';

/** Docker 28.2.2 talking to an old engine (API 1.41, minimum 1.12), as `docker version` lays it out. */
const server = {
  ...serverVersion,
  apiVersion: '1.41',
  minApiVersion: '1.12',
  kernelVersion: null,
  components: [{ name: 'containerd', version: '1.7.27', gitCommit: '05044ec0a9a75232cad458027ca83437aae3f4da' }],
};

describe('formatVersionReport', () => {
  it('lays the report out like `docker version`', () => {
    const text = formatVersionReport(clientFound, connectedStatus({ server }));
    expect(text).toBe(
      [
        'Client:',
        ' Version:           28.2.2',
        ' API version:       1.41 (downgraded from 1.50)',
        ' Go version:        go1.24.3',
        ' Git commit:        e6534b4',
        ' Built:             Fri May 30 12:07:14 2025',
        ' OS/Arch:           linux/amd64',
        ' Context:           default',
        '',
        'Server: Docker Engine - Community',
        ' Engine:',
        '  Version:          28.2.2',
        '  API version:      1.41 (minimum version 1.12)',
        '  Go version:       go1.24.3',
        '  Git commit:       45873be',
        '  Built:            Fri May 30 12:07:14 2025',
        '  OS/Arch:          linux/amd64',
        '  Experimental:     false',
        ' containerd:',
        '  Version:          1.7.27',
        '  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da',
        '',
        'Path:     /usr/bin/docker',
        'Product:  Docker Engine 28.2.2',
        'Endpoint: unix:///var/run/docker.sock (from platform-default)',
        '',
      ].join('\n'),
    );
  });

  it('names the product after the server, and leaves an unknown build date empty (Podman says 1970)', () => {
    const podman = connectedStatus({
      server: podmanServerVersion,
    });
    const text = formatVersionReport(clientFound, podman);
    expect(text).toContain('\nServer: linux/amd64/debian-12\n Engine:\n  Version:          4.3.1\n');
    expect(text).toContain('\n  Built:            \n');
    expect(text).not.toContain('1970');
    expect(text).toContain('\n Conmon:\n');
    expect(text).toContain(
      '\n\nPath:     /usr/bin/docker\nProduct:  Podman 4.3.1\nKernel:   6.8.0-60-generic\nEndpoint: ',
    );

    const colima = formatVersionReport(
      clientFound,
      connectedStatus({ server: { ...serverVersion, product: { id: 'colima', version: null } } }),
    );
    expect(colima).toContain('\nProduct:  Colima (Docker Engine 28.2.2)\n');
  });

  it('prints build times as `docker version` does (ANSIC, UTC)', () => {
    expect(ansicDate('2025-05-30T12:07:14.000Z')).toBe('Fri May 30 12:07:14 2025');
    expect(ansicDate('2022-06-06T23:04:45.000Z')).toBe('Mon Jun  6 23:04:45 2022');
    expect(ansicDate(null)).toBe('');
    expect(ansicDate('not a time')).toBe('');
  });

  it('starts every value at column 20', () => {
    const text = formatVersionReport(clientFound, connectedStatus());
    const rows = text.split('\n').filter((line) => /^ {1,2}[A-Za-z/ ]+: +\S/.test(line));
    expect(rows.length).toBeGreaterThan(15);
    for (const line of rows) {
      expect(line.slice(0, 20)).toMatch(/^ {1,2}[A-Za-z/ ]+: +$/);
      expect(line[20]).not.toBe(' ');
    }
  });

  it('shows the API version alone when the client did not negotiate down', () => {
    const client: ClientCheck = { found: true, client: { ...clientVersion, apiVersion: '1.50' } };
    const text = formatVersionReport(client, connectedStatus());
    expect(text).toContain('\n API version:       1.50\n');
    expect(text).not.toContain('downgraded');
  });

  it("names the client's platform, the server's kernel and every component", () => {
    const client: ClientCheck = { found: true, client: { ...clientVersion, platformName: 'Docker Desktop 4.42.0' } };
    const text = formatVersionReport(client, connectedStatus());
    expect(text.startsWith('Client: Docker Desktop 4.42.0\n')).toBe(true);
    expect(text).toContain('\n  API version:      1.50 (minimum version 1.24)\n');
    // After docker version's own lines, which have no kernel.
    expect(text).toContain('\nKernel:   6.8.0-60-generic\n');
    expect(text).not.toContain('\n  Kernel:');
    expect(text).toContain('\n runc:\n  Version:          1.2.5\n  GitCommit:        v1.2.5-0-g59923ef\n');
  });

  it('reports a missing client with its problem message', () => {
    const client: ClientCheck = {
      found: false,
      searched: ['/usr/bin/docker'],
      problem: {
        code: 'cli-not-installed',
        message: 'The docker command was not found on PATH or in the usual install places.',
      },
    };
    const text = formatVersionReport(client, connectedStatus());
    expect(
      text.startsWith('Client:\n The docker command was not found on PATH or in the usual install places.\n\n'),
    ).toBe(true);
    expect(text).toContain('\nServer: Docker Engine - Community\n Engine:\n');
  });

  it("reports a disconnected server with the problem's message and the endpoint it tried", () => {
    const text = formatVersionReport(clientFound, disconnectedStatus());
    const serverPart = text.slice(text.indexOf('\nServer:') + 1);
    expect(serverPart).toBe(
      [
        'Server:',
        ' Nothing answers at unix:///var/run/docker.sock (ECONNREFUSED).',
        '',
        'Path:     /usr/bin/docker',
        'Endpoint: unix:///var/run/docker.sock (from platform-default)',
        '',
      ].join('\n'),
    );
  });

  it('says "Not connected." when no engine was found at all, and names the context it came from', () => {
    const noEndpoint = formatVersionReport(
      clientFound,
      disconnectedStatus({ endpoint: null, problem: null, searched: ['/var/run/docker.sock'] }),
    );
    expect(noEndpoint.endsWith('\nServer:\n Not connected.\n\nPath:     /usr/bin/docker\n')).toBe(true);

    const fromContext = formatVersionReport(
      clientFound,
      connectedStatus({
        endpoint: {
          kind: 'ssh',
          url: 'ssh://ci@build-box:22',
          source: 'DOCKER_CONTEXT',
          contextName: 'build-box',
          tls: false,
        },
      }),
    );
    expect(fromContext).toContain('\nEndpoint: ssh://ci@build-box:22 (from DOCKER_CONTEXT, context build-box)\n');
  });
});
