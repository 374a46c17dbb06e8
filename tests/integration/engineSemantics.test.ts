import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { commitContainer, docker, engineFamily, requireEngine } from '../fixtures/dockerCli';
import { engineSocketPath } from '../fixtures/countingProxy';

/**
 * What each engine really does with the Engine API's destructive calls, recorded on dockerd and on
 * Podman (the same file runs on both). Berth builds its confirmations on these facts
 * (docs/engines.md): a call whose effect differs is either not sent or named in the dialog.
 * Every test makes its own uniquely named objects and removes only them.
 */

const prefix = `berth-sem-${process.pid}`;
let counter = 0;
const unique = (what: string) => `${prefix}-${what}-${(counter += 1)}`;

/** One Engine API call straight to the engine's socket: the status and the parsed body. */
function api(method: string, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath: engineSocketPath(), method, path: `/v1.41${path}` }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

const filters = (value: Record<string, string[]>) => encodeURIComponent(JSON.stringify(value));

function exists(kind: 'container' | 'image' | 'volume' | 'network', name: string): boolean {
  try {
    execFileSync('docker', [kind, 'inspect', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!requireEngine.available)('destructive calls, as each engine does them', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch {
        // already gone
      }
    }
  });

  it('DELETE /images/{id}?force=true: dockerd keeps a stopped container, Podman removes it with the image', async () => {
    const source = unique('src');
    docker('create', '--name', source, 'busybox', 'true');
    cleanups.push(() => docker('rm', '-f', source));
    const id = commitContainer(source);
    cleanups.push(() => docker('rmi', '-f', id));
    const user = unique('user');
    docker('create', '--name', user, id);
    cleanups.push(() => docker('rm', '-f', user));

    const answer = await api('DELETE', `/images/${id}?force=true`);
    expect(answer.status).toBe(200);
    // Why Berth never sends this on Podman: the dialog would not have named the container.
    expect(exists('container', user)).toBe(engineFamily() === 'docker');
  });

  it('DELETE /images/{id}?force=true with a running container: dockerd refuses, Podman removes the container', async () => {
    const source = unique('src');
    docker('create', '--name', source, 'busybox', 'true');
    cleanups.push(() => docker('rm', '-f', source));
    const id = commitContainer(source);
    cleanups.push(() => docker('rmi', '-f', id));
    const user = unique('running');
    docker('run', '-d', '--name', user, id, 'sleep', '60');
    cleanups.push(() => docker('rm', '-f', user));

    const answer = await api('DELETE', `/images/${id}?force=true`);
    if (engineFamily() === 'docker') {
      expect(answer.status).toBe(409);
      expect(docker('inspect', '--format', '{{.State.Running}}', user)).toBe('true');
    } else {
      expect(answer.status).toBe(200);
      expect(exists('container', user)).toBe(false);
    }
  });

  it('DELETE /networks/{id} with a running container: both refuse and keep the container', async () => {
    const network = unique('net');
    docker('network', 'create', network);
    cleanups.push(() => docker('network', 'rm', network));
    const user = unique('member');
    docker('run', '-d', '--name', user, '--network', network, 'busybox', 'sleep', '60');
    cleanups.push(() => docker('rm', '-f', user));

    const answer = await api('DELETE', `/networks/${network}`);
    // dockerd: 403 "has active endpoints"; Podman: 500 "network is being used" (its force=true would
    // remove the containers: Berth never sends it).
    expect(answer.status).toBe(engineFamily() === 'docker' ? 403 : 500);
    expect(exists('network', network)).toBe(true);
    expect(docker('inspect', '--format', '{{.State.Running}}', user)).toBe('true');
  });

  it('POST /volumes/prune at API 1.41 removes unused named volumes too, on both; a volume in use stays', async () => {
    const label = `${prefix}-prune=${(counter += 1)}`;
    const unused = unique('unused');
    const used = unique('used');
    docker('volume', 'create', '--label', label, unused);
    docker('volume', 'create', '--label', label, used);
    cleanups.push(() => docker('volume', 'rm', '-f', unused));
    cleanups.push(() => docker('volume', 'rm', '-f', used));
    const user = unique('user');
    docker('create', '--name', user, '-v', `${used}:/data`, 'busybox', 'true');
    cleanups.push(() => docker('rm', '-f', user));

    const answer = await api('POST', `/volumes/prune?filters=${filters({ label: [label] })}`);
    expect(answer.status).toBe(200);
    expect((answer.body as { VolumesDeleted?: string[] }).VolumesDeleted).toEqual([unused]);
    expect(exists('volume', unused)).toBe(false);
    expect(exists('volume', used)).toBe(true);
  });

  it('POST /containers/prune removes every stopped container it matches and no running one, on both', async () => {
    const label = `${prefix}-cprune=${(counter += 1)}`;
    const stopped = unique('stopped');
    const running = unique('running');
    docker('create', '--label', label, '--name', stopped, 'busybox', 'true');
    docker('run', '-d', '--label', label, '--name', running, 'busybox', 'sleep', '60');
    cleanups.push(() => docker('rm', '-f', stopped));
    cleanups.push(() => docker('rm', '-f', running));

    const answer = await api('POST', `/containers/prune?filters=${filters({ label: [label] })}`);
    expect(answer.status).toBe(200);
    expect(exists('container', stopped)).toBe(false);
    expect(exists('container', running)).toBe(true);
  });
});
