import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StatsService } from '../../src/main/containers/statsService';
import { statsSampleSchema, type StatsSample } from '../../src/shared/containers';
import { BerthError } from '../../src/shared/errors';
import { docker, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';
import { sleep, waitFor } from '../fixtures/waitFor';
import { engineClient } from '../fixtures/engineClient';

describe.skipIf(!requireEngine.available)('container stats, against the real engine', () => {
  let client: Docker;
  let service: StatsService;
  const suffix = randomBytes(4).toString('hex');
  const label = `berth.test.stats=${suffix}`;
  let counter = 0;
  const closers: Array<() => void> = [];

  function run(...args: string[]): string {
    const name = `berth-stats-${suffix}-${++counter}`;
    docker('run', '-d', '--name', name, '--label', label, ...args);
    return docker('inspect', '--format', '{{.Id}}', name);
  }

  function follow(ids: string[]) {
    const samples: StatsSample[] = [];
    const errors: Array<{ error: BerthError; id: string }> = [];
    const close = service.open(
      { ids },
      (sample) => samples.push(statsSampleSchema.parse(sample)),
      (error, id) => errors.push({ error, id }),
    );
    closers.push(close);
    return { samples, errors, close, of: (id: string) => samples.filter((sample) => sample.id === id) };
  }

  beforeAll(() => {
    client = engineClient();
    service = new StatsService({ getClient: () => client });
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
  });

  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  afterAll(() => {
    service?.dispose();
    const ids = docker('ps', '-aq', '--filter', `label=${label}`);
    if (ids) docker('rm', '-f', ...ids.split('\n'));
  });

  it('a busy and an idle container at once: both streams, CPU like docker stats, then close() ends both', async () => {
    const busy = run('busybox', 'sh', '-c', 'while :; do :; done');
    const idle = run('busybox', 'sleep', '300');
    const stats = follow([busy, idle]);

    await waitFor('a busy sample above 20 % CPU', () => stats.of(busy).some((sample) => (sample.cpuPercent ?? 0) > 20));
    await waitFor('three idle samples', () => stats.of(idle).length >= 3);

    const busySample = stats.of(busy).find((sample) => (sample.cpuPercent ?? 0) > 20)!;
    expect(stats.of(busy).indexOf(busySample)).toBeLessThan(5);
    expect(busySample.memoryUsage).toBeGreaterThan(0);
    expect(busySample.memoryLimit).toBeGreaterThan(0);
    expect(busySample.memoryPercent).toBeGreaterThan(0);
    expect(busySample.pids).toBeGreaterThanOrEqual(1);
    expect(Math.abs(busySample.time - Date.now())).toBeLessThan(60_000);
    expect(stats.of(idle).every((sample) => (sample.cpuPercent ?? 0) < 5)).toBe(true);
    expect(stats.of(idle).every((sample) => sample.memoryUsage > 0 && sample.memoryLimit > 0)).toBe(true);
    // About one sample a second per container.
    const times = stats.of(idle).map((sample) => sample.time);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1500);
    expect(stats.errors).toEqual([]);

    stats.close();
    const count = stats.samples.length;
    await sleep(2500);
    expect(stats.samples.length).toBe(count);
    docker('rm', '-f', busy);
  });

  it("one busy loop: Berth's CPU is the engine's own CLI's figure (podman stats on Podman, docker stats on dockerd)", async () => {
    const busy = run('busybox', 'sh', '-c', 'while :; do :; done');
    const stats = follow([busy]);
    const measured = () => stats.of(busy).filter((sample) => sample.cpuPercent !== null);
    // Podman samples every 5 s (its first, 5 ms after the call, has no CPU figure); dockerd every second.
    await waitFor('two CPU figures', () => measured().length >= 2, 40_000);
    // The docker CLI's own figure is wrong on Podman (its formula is what this fixes): ask podman.
    const cli =
      engineFamily() === 'podman'
        ? execFileSync('podman', ['stats', '--no-stream', '--format', '{{.CPUPerc}}', busy], { encoding: 'utf8' })
        : docker('stats', '--no-stream', '--format', '{{.CPUPerc}}', busy);
    const cliPercent = Number.parseFloat(cli.trim().replace('%', ''));
    const count = measured().length;
    await waitFor('the figure after the CLI', () => measured().length > count, 40_000);
    const around = measured()
      .slice(-3)
      .map((sample) => sample.cpuPercent!);
    const berthPercent = around.reduce((sum, value) => sum + value, 0) / around.length;

    expect(stats.errors).toEqual([]);
    expect(cliPercent).toBeGreaterThan(20);
    expect(berthPercent / cliPercent).toBeGreaterThan(0.6);
    expect(berthPercent / cliPercent).toBeLessThan(1.4);
    // One process uses at most one CPU, whatever the machine's other load: ~100 %, never ~180 %.
    for (const value of around) expect(value).toBeLessThanOrEqual(110);
    docker('rm', '-f', busy);
  }, 90_000);

  it('an unknown id: onError with not-found for it, the others go on', async () => {
    const idle = run('busybox', 'sleep', '300');
    const missing = `berth-missing-${suffix}`;
    const stats = follow([missing, idle, idle]);
    await waitFor('the error', () => stats.errors.length > 0);
    expect(stats.errors).toHaveLength(1);
    expect(stats.errors[0]!.id).toBe(missing);
    expect(stats.errors[0]!.error).toBeInstanceOf(BerthError);
    expect(stats.errors[0]!.error.code).toBe('not-found');
    await waitFor('two idle samples', () => stats.of(idle).length >= 2);
    expect(stats.of(missing)).toEqual([]);
    // The same id twice is one stream.
    const first = stats.of(idle).map((sample) => sample.time);
    expect(new Set(first).size).toBe(first.length);
  });

  it('stopped containers: what the engine sends (zeros, or nothing), without a crash', async () => {
    const exited = run('busybox', 'true');
    docker('wait', exited);
    const created = docker('create', '--label', label, 'busybox', 'true');
    const stats = follow([exited, created]);
    await sleep(2500);
    expect(stats.errors).toEqual([]);
    for (const sample of stats.samples) {
      expect(sample).toMatchObject({ cpuPercent: 0, memoryUsage: 0, networkRx: 0, pids: 0 });
    }
    expect(stats.samples.every((sample) => sample.id === exited || sample.id === created)).toBe(true);
  });
});
