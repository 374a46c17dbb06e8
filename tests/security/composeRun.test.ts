import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { ComposeDownPlan, ComposeJob } from '../../src/shared/compose';
import type { CountingProxy } from '../fixtures/countingProxy';
import { requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, requestError, requestOk } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// compose.run is the one request that starts a program on the user's machine with the engine in
// reach. Whatever a page sends, down runs only after the confirmation naming the project, a file
// outside the chosen folder is never read by compose, and a bind of the engine's socket needs its
// own confirmation. Refused means refused before anything starts: compose (which would call the
// engine through the counting proxy) never runs, and the engine's containers and networks stay.

const project = `berthtest${process.pid}sec`;
const label = `label=com.docker.compose.project=${project}`;

describe.skipIf(!requireEngine.available)('compose.run refuses at the contract, and starts nothing', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;
  let folder: string;
  let file: string;
  const snapshot = () => ({
    containers: docker('ps', '-a', '--filter', label, '--format', '{{.ID}} {{.State}}'),
    networks: docker('network', 'ls', '--filter', label, '--format', '{{.ID}}'),
    volumes: docker('volume', 'ls', '--filter', label, '--format', '{{.Name}}'),
  });
  const compose = (...args: string[]) =>
    execFileSync('docker-compose', ['-p', project, '-f', file, ...args], { cwd: folder, stdio: 'pipe' });

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-sec-'));
    file = path.join(folder, 'compose.yaml');
    fs.writeFileSync(
      file,
      'services:\n  box:\n    image: busybox\n    command: sleep 3600\n    stop_grace_period: 1s\n    volumes:\n      - data:/data\nvolumes:\n  data:\n',
    );
    // Up from the terminal (straight to the engine), so down would have something to remove.
    compose('up', '-d');
    ({ dir, proxy, backend } = await startProxiedBackend('berth-compose-sec-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (folder) {
      compose('down', '-v');
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses down without the naming confirmation, a file outside the folder, and an unconfirmed socket bind', async () => {
    const before = snapshot();
    expect(before.containers).toMatch(/running/);
    const from = proxy.requests().length;
    const target = { projectName: project, folder, files: [file] };

    const outside = path.join(os.tmpdir(), `berth-compose-sec-${process.pid}.yaml`);
    fs.writeFileSync(outside, fs.readFileSync(file));
    const link = path.join(folder, 'elsewhere.yaml');
    fs.symlinkSync(outside, link);
    const risky = path.join(folder, 'risky.yaml');
    fs.writeFileSync(risky, 'services:\n  box:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n');

    try {
      const refusals: Array<[unknown, string]> = [
        [{ target, action: 'down' }, 'confirmation-required'],
        [{ target, action: 'down', confirm: 'yes' }, 'confirmation-required'],
        [
          { target, action: 'down', confirm: `${project}x`, removeVolumes: [`${project}_data`] },
          'confirmation-required',
        ],
        [{ target: { ...target, files: [outside] }, action: 'down', confirm: project }, 'forbidden'],
        [{ target: { ...target, files: [link] }, action: 'up' }, 'forbidden'],
        [
          { target: { ...target, files: [path.join(folder, '..', path.basename(outside))] }, action: 'stop' },
          'forbidden',
        ],
        [{ target: { ...target, files: [file, risky] }, action: 'up' }, 'confirmation-required'],
        [
          { target: { ...target, files: [file, risky] }, action: 'up', confirmedMounts: ['/var/run'] },
          'confirmation-required',
        ],
      ];
      for (const [input, code] of refusals) {
        const error = await requestError(backend.server, 'compose.run', input);
        expect(error.code, JSON.stringify(input)).toBe(code);
      }
    } finally {
      fs.rmSync(outside);
    }

    // Nothing ran: no engine request at all (compose would have made its own through the proxy), nothing changed.
    expect(proxy.requests().slice(from)).toEqual([]);
    expect(snapshot()).toEqual(before);
    // And the same backend does run compose when asked properly (so the silence above means something).
    const plan = await requestOk<ComposeDownPlan>(backend.server, 'compose.downPlan', target);
    expect(plan.containers).toEqual([`${project}_box_1`]);
    const stop = await requestOk<ComposeJob>(backend.server, 'compose.run', { target, action: 'stop' });
    const stopped = await backend.composeJobs.settled(stop.id);
    expect(stopped.state).toBe('done');
    expect(
      proxy
        .requests()
        .slice(from)
        .some((request) => request.method === 'POST' && /\/stop/.test(request.path)),
    ).toBe(true);
  });
});
