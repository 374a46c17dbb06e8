import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { BuildJob } from '../../src/shared/builds';
import { docker, dockerQuiet, engineFamily, requireEngine } from '../fixtures/dockerCli';
import { sshClientEnv, sshServerAvailable, startSshServer, type SshServer } from '../fixtures/sshServer';
import { waitForStatus } from '../fixtures/waitForStatus';

// Over SSH the engine is dockerd (the ssh server runs the docker CLI's dial-stdio against it).
const skip = !requireEngine.available || !sshServerAvailable() || engineFamily() !== 'docker';

describe.skipIf(skip)('a build over an ssh engine', () => {
  let sshd: SshServer;
  let backend: Backend;
  let dir: string;
  const tag = `berth-build-ssh-${process.pid}:1`;

  beforeAll(async () => {
    sshd = await startSshServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-ssh-'));
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      ['FROM busybox', 'COPY hello.txt /hello.txt', `RUN cat /hello.txt`, ''].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'hello.txt'), `hello over ssh ${process.pid}\n`);
    const env = sshClientEnv(sshd);
    backend = createBackend({ system: realHostSystem(env), requestTimeoutMs: 15_000 });
    void backend.start();
  });

  afterAll(async () => {
    backend?.stop();
    dockerQuiet('rmi', '-f', tag);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await sshd?.close();
  });

  it('sends the context over ssh, builds step by step, and the image is on the engine', async () => {
    const url = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    await backend.settings.update({ engine: { kind: 'custom', url } });
    await waitForStatus(backend, (status) => status.state === 'connected' && status.endpoint?.kind === 'ssh');

    const started = await backend.server.handleRequest('builds.start', { contextPath: dir, tag });
    expect(started.ok).toBe(true);
    const { id } = (started as { ok: true; value: BuildJob }).value;
    const job = await backend.builds.settled(id);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.builder).toBe('classic');
    expect(job.tags).toEqual([tag]);
    expect(job.steps[2]!.output).toContain(`hello over ssh ${process.pid}`);
    expect(docker('image', 'inspect', tag, '--format', '{{.Id}}')).toBe(job.imageId);
  }, 120_000);
});
