import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectionReportSchema, type DetectionReport } from '../../src/shared/onboarding';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { reportPlatform } from '../../src/main/onboarding/detector';
import { requireEngine } from '../fixtures/dockerCli';
import { startSocketProxy } from '../fixtures/countingProxy';
import { waitForStatus } from '../fixtures/waitForStatus';

async function detectThrough(backend: Backend): Promise<DetectionReport> {
  const result = await backend.server.handleRequest('onboarding.detect', {});
  if (!result.ok) throw new Error(`onboarding.detect failed: ${JSON.stringify(result.error)}`);
  return detectionReportSchema.parse(result.value);
}

const item = (report: DetectionReport, id: string) => report.items.find((entry) => entry.id === id);

describe.skipIf(!requireEngine.available)('onboarding detection against the real machine and engine', () => {
  let dir: string;
  const backends: Backend[] = [];
  const start = (env: NodeJS.ProcessEnv) => {
    const backend = createBackend({ system: realHostSystem(env) });
    backends.push(backend);
    void backend.start();
    return backend;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-onboarding-'));
  });
  afterEach(() => {
    for (const backend of backends.splice(0)) backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is ready on this machine: the engine answers and the CLI is found where it really is', async () => {
    const backend = start(process.env);
    const report = await detectThrough(backend);
    expect(report.platform).toBe(reportPlatform(process.platform));
    expect(report.arch).toBe(process.arch);
    expect(report).toMatchObject({ engineAnswers: true, problem: null, next: 'ready', canStart: 'none' });
    const endpoint = item(report, 'endpoint');
    expect(endpoint?.found).toBe(true);
    expect(endpoint?.where).toBe(backend.monitor.getStatus().endpoint?.url);
    const cli = item(report, 'cli');
    expect(cli?.found).toBe(true);
    expect(cli?.where && path.isAbsolute(cli.where) && fs.statSync(cli.where).isFile()).toBe(true);
    expect(report.items.map((entry) => entry.id)).toEqual([
      'cli',
      'desktop',
      'colima',
      'orbstack',
      'rancher',
      'podman',
      'endpoint',
    ]);
  });

  it('says start where nothing answers (the CLI is installed), then ready once an engine appears there', async () => {
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const socketPath = path.join(dir, 'nothing.sock');
    const backend = start({ ...process.env, HOME: home, DOCKER_HOST: `unix://${socketPath}` });

    const down = await detectThrough(backend);
    expect(item(down, 'endpoint')).toEqual({ id: 'endpoint', found: false, where: null });
    expect(down.engineAnswers).toBe(false);
    expect(down.problem?.code).toBe('engine-not-running');
    const cli = item(down, 'cli');
    expect(cli?.found).toBe(true);
    expect(['/usr/local/bin/docker', '/usr/bin/docker']).toContain(cli?.where);
    // Linux with the docker CLI and no answering daemon: `sudo systemctl start docker` is the step.
    if (process.platform === 'linux')
      expect(down).toMatchObject({ platform: 'linux', next: 'start', canStart: 'none' });

    // startEngine runs nothing on Linux: it says what to run.
    if (process.platform === 'linux') {
      const started = await backend.server.handleRequest('onboarding.startEngine', {});
      expect(started).toEqual({
        ok: true,
        value: { started: false, how: 'sudo systemctl start docker', problem: null },
      });
    }

    const proxy = await startSocketProxy(socketPath);
    try {
      await waitForStatus(backend, (status) => status.state === 'connected');
      const up = await detectThrough(backend);
      expect(up).toMatchObject({ engineAnswers: true, problem: null, next: 'ready', canStart: 'none' });
      expect(item(up, 'endpoint')).toEqual({ id: 'endpoint', found: true, where: `unix://${socketPath}` });
    } finally {
      await proxy.close();
    }
  });
});
