import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { VolumePruneResult } from '../../src/shared/volumes';
import type { CountingProxy } from '../fixtures/countingProxy';
import { dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, requestError, requestOk } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// The volume requests are the safety net under the Volumes page's dialogs: whatever a page sends,
// no volume goes without a confirmation naming it, none in use goes, prune takes only the names it
// is given (each only if unused now), and the engine's own prune is never called. Checked with the
// docker CLI, and at a proxy counting what reaches the engine.

const prefix = `berth-vol-sec-${process.pid}`;
const kept = `${prefix}-kept`;
const used = `${prefix}-used`;
const bystander = `${prefix}-bystander`;
const user = `${prefix}-user`;
const usedRunning = `${prefix}-used-running`;
const runner = `${prefix}-runner`;
const volumeExists = (name: string) => dockerQuiet('volume', 'inspect', '--format', '{{.Name}}', name) === name;

describe.skipIf(!requireEngine.available)('volume removal at the contract, against the engine', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;

  /** Engine requests since index `from` that remove or prune anything, or create a volume. */
  const volumeChanges = (from: number) =>
    proxy
      .requests()
      .slice(from)
      .filter((r) => r.method === 'DELETE' || /\/prune|\/disconnect|\/volumes\/create/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    for (const name of [kept, used, usedRunning, bystander]) docker('volume', 'create', name);
    docker('create', '--name', user, '-v', `${used}:/data`, 'busybox', 'true');
    docker('run', '-d', '--name', runner, '-v', `${usedRunning}:/data`, 'busybox', 'sleep', '300');
    ({ dir, proxy, backend } = await startProxiedBackend('berth-volumes-destructive-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dockerQuiet('rm', '-f', user, runner);
    for (const name of [kept, used, usedRunning, bystander, `${prefix}-new`]) dockerQuiet('volume', 'rm', name);
  });

  it('volumes.remove without a confirmation naming the volume, or with extra fields: refused, nothing reaches the engine', async () => {
    const from = proxy.requests().length;
    expect((await requestError(backend.server, 'volumes.remove', { name: kept })).code).toBe('invalid-input');
    for (const confirm of ['yes', used, kept.toUpperCase(), `${kept}x`, '*', ' ', '  ']) {
      const error = await requestError(backend.server, 'volumes.remove', { name: kept, confirm });
      expect(['confirmation-required', 'invalid-input'], confirm).toContain(error.code);
    }
    for (const input of [
      { name: kept, confirm: kept, force: true },
      { name: kept, confirm: kept, all: true },
      { name: `../${kept}`, confirm: `../${kept}` },
    ]) {
      expect((await requestError(backend.server, 'volumes.remove', input)).code, JSON.stringify(input)).toBe(
        'invalid-input',
      );
    }
    expect(volumeExists(kept)).toBe(true);
    expect(volumeChanges(from)).toEqual([]);
  });

  it('volumes.remove of a volume in use, by a stopped or a running container: refused naming it, never forced', async () => {
    const from = proxy.requests().length;
    for (const [volume, container] of [
      [used, user],
      [usedRunning, runner],
    ] as const) {
      const error = await requestError(backend.server, 'volumes.remove', { name: volume, confirm: volume });
      expect(error.code, volume).toBe('in-use');
      expect(error.message).toContain(container);
      expect(volumeExists(volume)).toBe(true);
    }
    expect(volumeChanges(from)).toEqual([]);
  });

  it('volumes.prune removes only the listed unused names, one by one, never through the engine’s prune', async () => {
    const from = proxy.requests().length;
    const result = await requestOk<VolumePruneResult>(backend.server, 'volumes.prune', {
      names: [kept, used, `${prefix}-missing`],
    });
    expect(result.removed).toEqual([kept]);
    expect(result.failed.map((failure) => [failure.name, failure.reason])).toEqual([
      [used, 'in-use'],
      [`${prefix}-missing`, 'not-found'],
    ]);
    expect(volumeExists(kept)).toBe(false);
    expect(volumeExists(used)).toBe(true);
    expect(volumeExists(bystander)).toBe(true);
    expect(volumeChanges(from)).toEqual([expect.stringMatching(new RegExp(`^DELETE (/v[\\d.]+)?/volumes/${kept}$`))]);
    expect(proxy.requests().some((r) => r.path.includes('/volumes/prune'))).toBe(false);
    expect((await requestError(backend.server, 'volumes.prune', { names: [] })).code).toBe('invalid-input');
  });

  it('volumes.create takes no engine option beyond a name and labels, and never reuses an existing volume', async () => {
    const from = proxy.requests().length;
    for (const input of [
      { name: `${prefix}-new`, Driver: 'local' },
      { name: `${prefix}-new`, labels: [], driverOpts: { type: 'none', o: 'bind', device: '/' } },
      { name: `/etc`, labels: [] },
    ]) {
      expect((await requestError(backend.server, 'volumes.create', input)).code, JSON.stringify(input)).toBe(
        'invalid-input',
      );
    }
    expect((await requestError(backend.server, 'volumes.create', { name: bystander })).code).toBe('name-in-use');
    expect(volumeExists(`${prefix}-new`)).toBe(false);
    expect(volumeChanges(from)).toEqual([]);
  });
});
