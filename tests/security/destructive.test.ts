import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { CountingProxy } from '../fixtures/countingProxy';
import { requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, requestError, requestOk } from '../fixtures/faultTools';
import { waitFor } from '../fixtures/waitFor';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// The main process is the safety net under the renderer's dialogs: whatever a (compromised) page
// sends, nothing is destroyed without a confirmation naming it, and a run never gets more power
// than the run dialog offers. Each refusal is checked with the docker CLI, and the engine's side is
// counted at a proxy: no create and no delete may reach it.

const suffix = `${process.pid}`;
const image = `berth-sec-${suffix}`;
const tagOne = `${image}:one`;
const tagTwo = `${image}:two`;
const userName = `berth-sec-user-${suffix}`;
const runningName = `berth-sec-running-${suffix}`;

const exists = (what: 'container' | 'image', name: string) => {
  try {
    docker(what, 'inspect', name);
    return true;
  } catch {
    return false;
  }
};
const running = (name: string) => docker('inspect', '-f', '{{.State.Running}}', name) === 'true';
/** Every container made from this file's image (by image id, so even one whose tags are gone). */
function containersOf(imageId: string): string[] {
  const all = docker('ps', '-aq', '--no-trunc').split('\n').filter(Boolean);
  if (all.length === 0 || !imageId) return [];
  return docker('inspect', '-f', '{{.Id}} {{.Image}}', ...all)
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, from]) => from === imageId)
    .map(([id]) => id!);
}

describe.skipIf(!requireEngine.available)('destructive actions and runs at the contract, against the engine', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;
  let imageId = '';
  const myContainers = () => containersOf(imageId);

  /** Engine requests that create or destroy something, since index `from` of the proxy's log. */
  const destructiveCalls = (from: number) =>
    proxy
      .requests()
      .slice(from)
      .filter((r) => r.method === 'DELETE' || /\/containers\/create|\/images\/prune|\/containers\/prune/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    // An image of this file only (its own id, two tags), so no removal here can touch anything else.
    docker('rm', '-f', `${image}-src`, userName, runningName);
    docker('create', '--name', `${image}-src`, 'busybox', 'true');
    imageId = docker('commit', '-c', `LABEL berth.security=${suffix}`, `${image}-src`, tagOne);
    docker('rm', '-f', `${image}-src`);
    docker('tag', tagOne, tagTwo);
    docker('create', '--name', userName, tagOne, 'true');
    docker('run', '-d', '--name', runningName, tagOne, 'sleep', '300');

    ({ dir, proxy, backend } = await startProxiedBackend('berth-destructive-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    try {
      docker('rm', '-f', userName, runningName, ...myContainers());
    } catch {
      // Some were never made.
    }
    for (const name of [tagOne, tagTwo, imageId]) {
      try {
        if (name) docker('rmi', '-f', name);
      } catch {
        // Already gone.
      }
    }
  });

  it('images.remove without a confirmation that names the image: refused, the image and both tags stay', async () => {
    const from = proxy.requests().length;
    expect((await requestError(backend.server, 'images.remove', { id: tagOne })).code).toBe('invalid-input');
    expect((await requestError(backend.server, 'images.remove', { id: tagOne, confirm: '' })).code).toBe(
      'invalid-input',
    );
    for (const confirm of [
      'yes',
      'busybox:latest',
      image,
      `${image}:three`,
      '   ',
      imageId.replace('sha256:', '').slice(0, 11),
      `${tagOne} `.repeat(2),
      '*',
    ]) {
      const error = await requestError(backend.server, 'images.remove', { id: tagOne, confirm });
      expect(error.code, confirm).toBe('confirmation-required');
      expect(error.message).toMatch(/does not name the image/);
    }
    expect(imageExists(tagOne)).toBe(true);
    expect(imageExists(tagTwo)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('an image used by a container: in-use without force, and force needs every container confirmed by id', async () => {
    const from = proxy.requests().length;
    const userId = docker('inspect', '-f', '{{.Id}}', userName);
    const runningId = docker('inspect', '-f', '{{.Id}}', runningName);

    const inUse = await requestError(backend.server, 'images.remove', { id: tagOne, confirm: tagOne });
    expect(inUse.code).toBe('in-use');
    expect(inUse.message).toContain(userName);
    for (const confirmContainers of [
      [],
      ['nope'],
      [userId],
      [userId.slice(0, 11), runningId.slice(0, 11)],
      [userName],
    ]) {
      const error = await requestError(backend.server, 'images.remove', {
        id: tagOne,
        confirm: tagOne,
        force: true,
        confirmContainers,
      });
      expect(error.code, JSON.stringify(confirmContainers)).toBe('confirmation-required');
    }
    expect(imageExists(tagOne)).toBe(true);
    expect(imageExists(tagTwo)).toBe(true);
    expect(exists('container', userName)).toBe(true);
    expect(running(runningName)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('images.prune never removes a tagged image, whatever ids it is given', async () => {
    const from = proxy.requests().length;
    const result = await requestOk<{ removed: string[]; failed: Array<{ id: string; message: string }> }>(
      backend.server,
      'images.prune',
      { ids: [imageId, imageId.replace('sha256:', ''), tagOne, image, 'busybox:latest'] },
    );
    expect(result.removed).toEqual([]);
    expect(result.failed.map((f) => f.id)).toEqual([imageId, tagOne, image, 'busybox:latest']);
    expect(result.failed[0]!.message).toMatch(/Not dangling/);
    expect(imageExists(tagOne)).toBe(true);
    expect(imageExists(tagTwo)).toBe(true);
    expect(imageExists('busybox:latest')).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('containers.remove without the right confirmation, or a running one without force and confirmRunning: refused', async () => {
    const from = proxy.requests().length;
    expect((await requestError(backend.server, 'containers.remove', { id: userName })).code).toBe('invalid-input');
    for (const confirm of ['yes', runningName, userName.toUpperCase(), `/${userName}x`, '  ']) {
      const error = await requestError(backend.server, 'containers.remove', { id: userName, confirm });
      expect(error.code, confirm).toBe('confirmation-required');
    }
    expect(exists('container', userName)).toBe(true);

    const notForced = await requestError(backend.server, 'containers.remove', {
      id: runningName,
      confirm: runningName,
    });
    expect(notForced.code).toBe('in-use');
    expect(notForced.message).toMatch(/running/);
    for (const input of [
      { id: runningName, confirm: runningName, force: true },
      { id: runningName, confirm: runningName, force: true, confirmRunning: false },
      { id: runningName, confirm: runningName, confirmRunning: true },
    ]) {
      const error = await requestError(backend.server, 'containers.remove', input);
      expect(['confirmation-required', 'in-use'], JSON.stringify(input)).toContain(error.code);
    }
    for (const input of [
      { id: runningName, confirm: runningName, force: 'true', confirmRunning: 'true' },
      { id: runningName, confirm: runningName, force: 1, confirmRunning: 1 },
      { id: runningName, confirm: runningName, force: true, confirmRunning: true, kill: true },
    ]) {
      expect((await requestError(backend.server, 'containers.remove', input)).code).toBe('invalid-input');
    }
    expect(running(runningName)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('run.start and run.check refuse every engine option the run dialog does not offer; nothing is created', async () => {
    const from = proxy.requests().length;
    const before = myContainers().length;
    const base = { image: tagOne, command: ['true'] };
    const extras: Array<Record<string, unknown>> = [
      { Privileged: true },
      { privileged: true },
      { HostConfig: { Privileged: true } },
      { HostConfig: { Binds: ['/:/host'] } },
      { CapAdd: ['SYS_ADMIN'] },
      { capAdd: ['ALL'] },
      { NetworkMode: 'host' },
      { networkMode: 'host' },
      { PidMode: 'host' },
      { IpcMode: 'host' },
      { UsernsMode: 'host' },
      { UTSMode: 'host' },
      { Devices: [{ PathOnHost: '/dev/mem', PathInContainer: '/dev/mem', CgroupPermissions: 'rwm' }] },
      { SecurityOpt: ['apparmor=unconfined', 'seccomp=unconfined'] },
      { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] },
      { Mounts: [{ Type: 'bind', Source: '/', Target: '/host' }] },
      { VolumesFrom: ['other'] },
      { User: '0:0' },
      { Entrypoint: ['/bin/sh'] },
      { Labels: { 'berth.run': 'forged' } },
      JSON.parse('{"__proto__": {"Privileged": true}}') as Record<string, unknown>,
    ];
    for (const extra of extras) {
      for (const name of ['run.start', 'run.check']) {
        const error = await requestError(backend.server, name, { ...base, ...extra });
        expect(error.code, `${name} ${JSON.stringify(extra)}`).toBe('invalid-input');
      }
    }
    // Port bindings on 0.0.0.0 are offered (with words in the dialog); other addresses are not.
    for (const ports of [[{ hostIp: '::', hostPort: 8080, containerPort: 80 }], [{ hostPort: 0, containerPort: 80 }]]) {
      expect((await requestError(backend.server, 'run.start', { ...base, ports })).code).toBe('invalid-input');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(myContainers().length).toBe(before);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('bind mounts: refused for /, the Docker socket and /run however the path is spelt, and without confirmed: true', async () => {
    const from = proxy.requests().length;
    const before = myContainers().length;
    const bind = (hostPath: string, extra: Record<string, unknown> = { confirmed: true }) => ({
      image: tagOne,
      command: ['true'],
      volumes: [{ kind: 'bind', hostPath, containerPath: '/host', ...extra }],
    });
    const forbidden = [
      '/',
      '//',
      '/var/run/docker.sock',
      '/run/docker.sock',
      '/var/run',
      '/var/run/',
      '/run',
      '/run/',
      // The same places, spelt so that the engine resolves them there (it cleans the path).
      '/.',
      '/./',
      '/tmp/..',
      '/tmp/../',
      '/usr/../',
      '/var/run/.',
      '/run/./',
      '/var/../run',
      '/tmp/../var/run/docker.sock',
      '/var/run/docker.sock/',
      '/var/run/./docker.sock',
      '/../../',
      // The kernel's links to a process's root: the whole disk under another name.
      '/proc/self/root',
      '/proc/1/root',
      '/proc/self/cwd/..',
      '/proc',
    ];
    const refusedWrongly: string[] = [];
    for (const hostPath of forbidden) {
      for (const name of ['run.start', 'run.check']) {
        const result = await backend.server.handleRequest(name, bind(hostPath));
        if (result.ok || result.error.code !== 'invalid-input') refusedWrongly.push(`${name} ${hostPath}`);
      }
    }
    expect(refusedWrongly).toEqual([]);

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bind-'));
    try {
      for (const extra of [{}, { confirmed: false }, { confirmed: 'true' }, { confirmed: 1 }, { confirmed: null }]) {
        const error = await requestError(backend.server, 'run.start', bind(folder, extra));
        expect(error.code, JSON.stringify(extra)).toBe('invalid-input');
      }
      // Relative paths are not paths. (A ":" or "," in a path smuggles nothing in: mounts are
      // sent as structured Mounts, never as "source:target:options" strings.)
      for (const hostPath of ['tmp', './', '~/', '.', '..', 'C:', '\\\\host\\share']) {
        const result = await backend.server.handleRequest('run.start', bind(hostPath));
        if (result.ok) refusedWrongly.push(`run.start ${hostPath}`);
      }
      expect(refusedWrongly).toEqual([]);
      // The control: an ordinary folder, confirmed, passes the contract (run.check creates nothing).
      const check = await requestOk<{ issues: unknown[] }>(backend.server, 'run.check', bind(folder));
      expect(check.issues).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(myContainers().length).toBe(before);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('with the confirmations the dialogs give, the same removals go through (the refusals above were not blanket)', async () => {
    const runningId = docker('inspect', '-f', '{{.Id}}', runningName);
    await requestOk(backend.server, 'containers.remove', {
      id: runningName,
      confirm: runningName,
      force: true,
      confirmRunning: true,
    });
    expect(exists('container', runningId)).toBe(false);
    const userId = docker('inspect', '-f', '{{.Id}}', userName);
    const removed = await requestOk<{ removed: string[] }>(backend.server, 'images.remove', {
      id: tagOne,
      confirm: tagTwo,
      force: true,
      confirmContainers: [userId],
    });
    expect(removed.removed.length).toBeGreaterThan(0);
    await waitFor('the image to go', () => !imageExists(tagOne) && !imageExists(tagTwo), 10_000);
  });
});
