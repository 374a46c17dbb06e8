import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { ContainerChange, ContainerSummary } from '../../src/shared/containers';
import { docker, dockerVersionJson, requireEngine } from '../fixtures/dockerCli';
import { sshClientEnv, sshServerAvailable, startSshServer, type SshServer } from '../fixtures/sshServer';
import { waitFor } from '../fixtures/waitFor';
import { waitForStatus } from '../fixtures/waitForStatus';

/** Follows backend.containers as the renderer would, until the list (not stale) has the container. */
function waitForContainer(backend: Backend, id: string, timeoutMs = 30_000): Promise<ContainerSummary> {
  return new Promise((resolve, reject) => {
    const list = new Map<string, ContainerSummary>();
    let stale = true;
    let stop: () => void = () => undefined;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`container ${id} never listed; have ${[...list.keys()].join(', ')}`));
    }, timeoutMs);
    const check = () => {
      const found = list.get(id);
      if (!found || stale) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(found);
    };
    stop = backend.containers.subscribe((change: ContainerChange) => {
      if (change.type === 'snapshot') {
        list.clear();
        for (const container of change.containers) list.set(container.id, container);
        stale = change.stale;
      } else if (change.type === 'upsert') list.set(change.container.id, change.container);
      else if (change.type === 'remove') list.delete(change.id);
      else stale = change.stale;
      check();
    });
  });
}

const skip = !requireEngine.available || !sshServerAvailable();
if (requireEngine.available && !sshServerAvailable()) {
  console.warn('No /usr/sbin/sshd (openssh-server): the ssh engine tests are skipped. Run `npm run testbed`.');
}

describe.skipIf(skip)('an engine over ssh (Debian sshd on 127.0.0.1, no ssh agent)', () => {
  let sshd: SshServer;
  let backend: Backend;
  let containerName: string;
  let containerId: string;

  beforeAll(async () => {
    sshd = await startSshServer();
    containerName = `berth-ssh-${randomBytes(4).toString('hex')}`;
    containerId = docker('create', '--name', containerName, 'busybox', 'true');
    const env = sshClientEnv(sshd);
    backend = createBackend({ system: realHostSystem(env), requestTimeoutMs: 15_000 });
    void backend.start();
  });

  afterAll(async () => {
    backend?.stop();
    if (containerName) docker('rm', '-f', containerName);
    await sshd?.close();
  });

  it('reaches the same engine with the system ssh client, as the docker CLI would', () => {
    expect(sshd.exec("docker version --format '{{.Server.Version}}'")).toBe(dockerVersionJson().Server?.Version);
  });

  it('connects over ssh with the key from ~/.ssh, lists containers, and switches back to the socket', async () => {
    const local = await waitForStatus(backend, (status) => status.state === 'connected');
    expect(local.endpoint).toMatchObject({ kind: 'unix', source: 'platform-default' });
    const acceptedBefore = (sshd.log().match(/Accepted publickey/g) ?? []).length;

    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    await backend.settings.update({ engine: { kind: 'custom', url } });
    const remote = await waitForStatus(
      backend,
      (status) => status.state !== 'connecting' && status.endpoint?.kind === 'ssh',
    );
    expect(remote.problem).toBeNull();
    expect(remote.state).toBe('connected');
    expect(remote.endpoint).toEqual({ kind: 'ssh', url, source: 'setting', contextName: null, tls: false });
    expect(remote.server?.version).toBe(dockerVersionJson().Server?.Version);
    // It really went through sshd, logged in with the key file (there is no agent).
    expect((sshd.log().match(/Accepted publickey/g) ?? []).length).toBeGreaterThan(acceptedBefore);
    expect(sshd.log()).toContain('ED25519');

    const container = await waitForContainer(backend, containerId);
    expect(container.name).toBe(containerName);
    expect(container.image).toContain('busybox');

    await backend.settings.update({ engine: { kind: 'automatic' } });
    const back = await waitForStatus(
      backend,
      (status) => status.state === 'connected' && status.endpoint?.kind === 'unix',
    );
    expect(back.endpoint).toMatchObject({ url: 'unix:///var/run/docker.sock', source: 'platform-default' });
    expect((await backend.server.handleRequest('images.list', {})).ok).toBe(true);
    // Switching away closed the ssh sessions (the events stream's among them).
    await waitFor('the ssh sessions to close', () => sshd.sessions() === 0, 15_000);
  });

  it('says why when the server refuses the key, and recovers when switched back', async () => {
    await waitForStatus(backend, (status) => status.state === 'connected');
    // A user the server does not allow: the key is refused.
    const url = `ssh://nobody-berth@127.0.0.1:${sshd.port}`;
    await backend.settings.update({ engine: { kind: 'custom', url } });
    const refused = await waitForStatus(
      backend,
      (status) => status.state === 'disconnected' && status.endpoint?.url === url,
    );
    expect(refused.problem?.code).toBe('engine-permission-denied');
    expect(refused.problem?.message).toMatch(/authentication/i);

    await backend.settings.update({ engine: { kind: 'automatic' } });
    await waitForStatus(backend, (status) => status.state === 'connected' && status.endpoint?.kind === 'unix');
  });
});
