import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  blockBytes,
  cpuPercent,
  memoryUsage,
  networkBytes,
  sampleTime,
  sampleWindowNs,
  toStatsSample,
  type EngineStatsJson,
} from '../../src/main/containers/statsMath';
import { statsSampleSchema } from '../../src/shared/containers';
// Captured from this repository's test engine (docker 20.10, cgroup v1, 2 CPUs) with
// curl --unix-socket /var/run/docker.sock 'http://localhost/containers/<id>/stats?stream=false':
// busy runs `sh -c 'while :; do :; done'`, idle `sleep 300`, stopped is an exited container.
import busy from '../fixtures/stats/busy-cgroup1.json';
import idle from '../fixtures/stats/idle-cgroup1.json';
import stopped from '../fixtures/stats/stopped-cgroup1.json';

const NOW = 1_700_000_000_000;

/**
 * Podman 4.3.1's GET /containers/{id}/stats?stream=true (one sample every 5 s) for busybox
 * `sh -c 'while :; do :; done'` on 2 CPUs, recorded with curl on this testbed. podman-busy-stream:
 * a quiet host (`podman stats --no-stream` said 98.7 %); podman-busy-loaded-host-stream: the host
 * was busy with other work (`podman stats` said 61 % on average since start, the loop got ~67 %).
 */
function recorded(name: string): EngineStatsJson[] {
  return fs
    .readFileSync(new URL(`../fixtures/stats/${name}.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EngineStatsJson);
}

/** The Docker CLI's formula, which Podman's host counter breaks. */
function dockerCliPercent(stats: EngineStatsJson): number {
  const cpuDelta = stats.cpu_stats!.cpu_usage!.total_usage! - stats.precpu_stats!.cpu_usage!.total_usage!;
  const systemDelta = stats.cpu_stats!.system_cpu_usage! - stats.precpu_stats!.system_cpu_usage!;
  return (cpuDelta / systemDelta) * stats.cpu_stats!.online_cpus! * 100;
}

describe('stats math, as docker stats computes it', () => {
  it('a busy container on cgroup v1: one CPU spinning is about 100 %', () => {
    // cpuDelta 4311033748 − 3310655506, systemDelta 5037320000000 − 5035330000000, 2 online CPUs.
    expect(cpuPercent(busy)).toBeCloseTo(((4311033748 - 3310655506) / (5037320000000 - 5035330000000)) * 2 * 100, 9);
    expect(cpuPercent(busy)).toBeGreaterThan(95);
    // usage − total_inactive_file.
    expect(memoryUsage(busy)).toBe(1839104 - 380928);
    const sample = toStatsSample('busy', busy, NOW);
    expect(statsSampleSchema.parse(sample)).toEqual(sample);
    expect(sample).toMatchObject({
      id: 'busy',
      memoryUsage: 1458176,
      memoryLimit: 25276514304,
      networkRx: 736,
      networkTx: 0,
      blockRead: 0,
      blockWrite: 0,
      pids: 1,
      time: Date.parse('2026-11-28T07:30:58.164Z'),
    });
    expect(sample.memoryPercent).toBeCloseTo((1458176 / 25276514304) * 100, 12);
  });

  it('an idle container is at 0 % CPU (its usage did not move)', () => {
    expect(cpuPercent(idle)).toBe(0);
    const sample = toStatsSample('idle', idle, NOW);
    expect(sample.cpuPercent).toBe(0);
    expect(sample.memoryUsage).toBe(idle.memory_stats.usage - idle.memory_stats.stats.total_inactive_file);
    expect(sample.memoryUsage).toBeGreaterThan(0);
    expect(sample.pids).toBe(1);
  });

  it('a stopped container: all zeros, the time of the call, and nothing throws', () => {
    const sample = toStatsSample('gone', stopped as EngineStatsJson, NOW);
    expect(statsSampleSchema.parse(sample)).toEqual(sample);
    expect(sample).toEqual({
      id: 'gone',
      cpuPercent: 0,
      memoryUsage: 0,
      memoryLimit: 0,
      memoryPercent: 0,
      networkRx: 0,
      networkTx: 0,
      blockRead: 0,
      blockWrite: 0,
      pids: 0,
      time: NOW,
    });
    expect(toStatsSample('empty', {}, NOW)).toMatchObject({ cpuPercent: 0, memoryUsage: 0, pids: 0, time: NOW });
  });

  it('without online_cpus the number of per-CPU counters is used', () => {
    const old: EngineStatsJson = {
      ...busy,
      cpu_stats: { ...busy.cpu_stats, online_cpus: 0 },
    };
    expect(cpuPercent(old)).toBeCloseTo(cpuPercent(busy)!, 9);
    const neither: EngineStatsJson = {
      ...busy,
      cpu_stats: { ...busy.cpu_stats, online_cpus: 0, cpu_usage: { total_usage: 4311033748 } },
    };
    expect(cpuPercent(neither)).toBe(0);
  });

  it('the first sample of a stream (no precpu yet) and a counter that went back give no negative CPU', () => {
    const first: EngineStatsJson = { ...busy, precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 } };
    expect(cpuPercent(first)).toBeGreaterThanOrEqual(0);
    const backwards: EngineStatsJson = {
      ...busy,
      precpu_stats: { ...busy.precpu_stats, cpu_usage: { total_usage: 9_999_999_999 } },
    };
    expect(cpuPercent(backwards)).toBe(0);
  });

  it('cgroup v2 memory: usage − inactive_file', () => {
    const v2: EngineStatsJson = {
      memory_stats: { usage: 10_000_000, limit: 100_000_000, stats: { inactive_file: 2_000_000, anon: 7_000_000 } },
    };
    expect(memoryUsage(v2)).toBe(8_000_000);
    expect(toStatsSample('v2', v2, NOW).memoryPercent).toBeCloseTo(8, 12);
  });

  it('old engines: usage − cache; nothing to subtract: usage; never below zero', () => {
    expect(memoryUsage({ memory_stats: { usage: 5000, stats: { cache: 1000 } } })).toBe(4000);
    expect(memoryUsage({ memory_stats: { usage: 5000 } })).toBe(5000);
    expect(memoryUsage({ memory_stats: { usage: 5000, stats: { total_inactive_file: 9000 } } })).toBe(5000);
  });

  it('network bytes are summed over every network', () => {
    const twoNetworks: EngineStatsJson = {
      networks: { eth0: { rx_bytes: 100, tx_bytes: 10 }, eth1: { rx_bytes: 23, tx_bytes: 4 } },
    };
    expect(networkBytes(twoNetworks)).toEqual({ rx: 123, tx: 14 });
    expect(networkBytes({ networks: null })).toEqual({ rx: 0, tx: 0 });
  });

  it('block I/O: Read and Write of every device, whatever the case of op (v1 "Read", v2 "read")', () => {
    const v1: EngineStatsJson = {
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 4096 },
          { op: 'Write', value: 8192 },
          { op: 'Sync', value: 1 },
          { op: 'Total', value: 12288 },
          { op: 'Read', value: 100 },
        ],
      },
    };
    expect(blockBytes(v1)).toEqual({ read: 4196, write: 8192 });
    const v2: EngineStatsJson = {
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'read', value: 7 },
          { op: 'write', value: 9 },
        ],
      },
    };
    expect(blockBytes(v2)).toEqual({ read: 7, write: 9 });
    expect(blockBytes(stopped as EngineStatsJson)).toEqual({ read: 0, write: 0 });
  });

  it('the sample time is the engine’s read time, or now for the zero time', () => {
    expect(sampleTime({ read: '2026-11-28T07:30:58.164733101Z' }, NOW)).toBe(Date.UTC(2026, 10, 28, 7, 30, 58, 164));
    expect(sampleTime({ read: '0001-01-01T00:00:00Z' }, NOW)).toBe(NOW);
    expect(sampleTime({}, NOW)).toBe(NOW);
  });
});

describe('CPU on Podman, whose host counter counts only busy time', () => {
  it('one busy loop on a quiet host is about 100 %, not the ~180 % of the Docker CLI formula', () => {
    const [first, ...later] = recorded('podman-busy-stream');
    expect(later).toHaveLength(3);
    for (const stats of later) {
      const windowNs = sampleWindowNs(stats)!;
      expect(windowNs / 1e9).toBeCloseTo(5, 1);
      const cpuDelta = stats.cpu_stats!.cpu_usage!.total_usage! - stats.precpu_stats!.cpu_usage!.total_usage!;
      // The container's CPU time over the samples' own elapsed time.
      expect(cpuPercent(stats)).toBeCloseTo((cpuDelta / windowNs) * 100, 9);
      expect(cpuPercent(stats)).toBeGreaterThan(95);
      expect(cpuPercent(stats)).toBeLessThanOrEqual(100.5);
      // What Berth showed before: the host's busy time taken for all of it.
      expect(dockerCliPercent(stats)).toBeGreaterThan(150);
    }
    // The stream's first sample spans ~4 ms: too short to say, so no CPU figure yet (memory is there).
    expect(sampleWindowNs(first!)! / 1e6).toBeLessThan(10);
    expect(cpuPercent(first!)).toBeNull();
    const sample = toStatsSample('first', first!, NOW);
    expect(statsSampleSchema.parse(sample)).toEqual(sample);
    expect(sample).toMatchObject({ cpuPercent: null, pids: 1 });
    expect(sample.memoryUsage).toBeGreaterThan(0);
  });

  it('on a busy host the counter agrees with the clock, and both ways give the same figure', () => {
    const [, ...later] = recorded('podman-busy-loaded-host-stream');
    expect(later).toHaveLength(2);
    for (const stats of later) {
      expect(cpuPercent(stats)).toBeCloseTo(dockerCliPercent(stats), 9);
      const cpuDelta = stats.cpu_stats!.cpu_usage!.total_usage! - stats.precpu_stats!.cpu_usage!.total_usage!;
      const overClock = cpuPercent(stats)! / ((cpuDelta / sampleWindowNs(stats)!) * 100);
      expect(overClock).toBeGreaterThan(0.9);
      expect(overClock).toBeLessThan(1.1);
    }
  });

  it("dockerd's samples keep the Docker CLI's figure exactly (its counter grows by CPUs × elapsed time)", () => {
    expect(sampleWindowNs(busy)! / 1e9).toBeCloseTo(1, 1);
    expect(cpuPercent(busy)).toBeCloseTo(dockerCliPercent(busy), 12);
  });

  it('never more than every CPU busy, and nothing from samples out of order', () => {
    const [, second] = recorded('podman-busy-stream');
    const doubled: EngineStatsJson = {
      ...second,
      cpu_stats: {
        ...second!.cpu_stats,
        cpu_usage: { total_usage: second!.precpu_stats!.cpu_usage!.total_usage! + 30e9 },
      },
    };
    expect(cpuPercent(doubled)).toBe(200);
    expect(cpuPercent({ ...second!, read: second!.preread, preread: second!.read })).toBe(0);
  });
});
