import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { ComposeJob } from '../../src/shared/compose';
import { dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { sshClientEnv, sshServerAvailable, startSshServer, type SshServer } from '../fixtures/sshServer';
import { waitForStatus } from '../fixtures/waitForStatus';

const project = `berthtest${process.pid}ssh`;
/** Debian's docker-compose 1.29 reaches ssh:// engines only with python3-paramiko (which the testbed lacks). */
const paramiko = spawnSync('python3', ['-c', 'import paramiko']).status === 0;
const accepted = (sshd: SshServer) => (sshd.log().match(/Accepted publickey/g) ?? []).length;

describe.skipIf(!requireEngine.available || !sshServerAvailable())(
  'the compose command against an engine over ssh (the one Berth is connected to)',
  () => {
    let sshd: SshServer;
    let backend: Backend;
    let folder: string;

    beforeAll(async () => {
      sshd = await startSshServer();
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-ssh-'));
      fs.writeFileSync(
        path.join(folder, 'compose.yaml'),
        'services:\n  box:\n    image: busybox\n    command: sleep 3600\n    stop_grace_period: 1s\n',
      );
      // No DOCKER_HOST, no context, no agent: only Berth's engine setting says where the engine is.
      backend = createBackend({ system: realHostSystem(sshClientEnv(sshd)), requestTimeoutMs: 15_000 });
      await backend.start();
      await backend.settings.update({ engine: { kind: 'custom', url: `ssh://${sshd.user}@127.0.0.1:${sshd.port}` } });
      await waitForStatus(backend, (status) => status.state === 'connected' && status.endpoint?.kind === 'ssh');
    });

    afterAll(async () => {
      backend?.stop();
      for (const container of dockerQuiet('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)
        .split('\n')
        .filter(Boolean))
        dockerQuiet('rm', '-f', container);
      dockerQuiet('network', 'rm', `${project}_default`);
      await sshd?.close();
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
    });

    it.skipIf(!paramiko)(
      'ups and downs through ssh: compose logs in with the same key, the container is on that engine',
      async () => {
        const before = accepted(sshd);
        const target = { projectName: project, folder, files: [] };
        const started = await backend.server.handleRequest('compose.run', { target, action: 'up' });
        if (!started.ok) throw new Error(started.error.message);
        const up = await backend.composeJobs.settled((started.value as ComposeJob).id);
        expect(up.error, JSON.stringify(up.output)).toBeNull();
        expect(up.state).toBe('done');
        // compose went through sshd (a login of its own), not the local socket.
        expect(accepted(sshd)).toBeGreaterThan(before);
        expect(
          dockerQuiet('ps', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.State}}'),
        ).toBe('running');

        const down = await backend.server.handleRequest('compose.run', { target, action: 'down', confirm: project });
        if (!down.ok) throw new Error(down.error.message);
        expect((await backend.composeJobs.settled((down.value as ComposeJob).id)).state).toBe('done');
        expect(dockerQuiet('ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '-q')).toBe('');
      },
    );

    it.skipIf(paramiko)(
      'without paramiko, v1 is still pointed at the ssh engine (never silently at the local socket): it fails saying so',
      async () => {
        const target = { projectName: project, folder, files: [] };
        const started = await backend.server.handleRequest('compose.run', { target, action: 'up' });
        if (!started.ok) throw new Error(started.error.message);
        const up = await backend.composeJobs.settled((started.value as ComposeJob).id);
        expect(up.state).toBe('failed');
        expect(up.error?.code).toBe('compose-failed');
        expect(up.error?.message).toMatch(/ssh:\/\/ support/);
        expect(dockerQuiet('ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '-q')).toBe('');
      },
    );
  },
);
