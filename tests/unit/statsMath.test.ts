import { describe, expect, it } from 'vitest';
import {
  blockBytes,
  cpuPercent,
  memoryUsage,
  networkBytes,
  sampleTime,
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
    expect(cpuPercent(old)).toBeCloseTo(cpuPercent(busy), 9);
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
