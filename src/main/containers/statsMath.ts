import type { StatsSample } from '../../shared/containers';

/** The parts of one GET /containers/{id}/stats message that `docker stats` reads (cgroup v1 and v2). */
export interface EngineStatsJson {
  read?: string;
  pids_stats?: { current?: number } | null;
  blkio_stats?: {
    io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null;
  } | null;
  cpu_stats?: EngineCpuStats | null;
  precpu_stats?: EngineCpuStats | null;
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number> | null;
  } | null;
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
}

export interface EngineCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null } | null;
  system_cpu_usage?: number;
  online_cpus?: number;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Percent of one CPU, as the Docker CLI's calculateCPUPercentUnix: the container's CPU time over the
 * host's CPU time since the previous sample, times the number of CPUs. 0 when either did not move
 * (the first sample of a stopped container, or a paused one).
 */
export function cpuPercent(stats: EngineStatsJson): number {
  const cpu = stats.cpu_stats;
  const pre = stats.precpu_stats;
  const cpuDelta = num(cpu?.cpu_usage?.total_usage) - num(pre?.cpu_usage?.total_usage);
  const systemDelta = num(cpu?.system_cpu_usage) - num(pre?.system_cpu_usage);
  const onlineCpus = num(cpu?.online_cpus) || (cpu?.cpu_usage?.percpu_usage?.length ?? 0);
  if (systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * onlineCpus * 100;
}

/**
 * Memory in use as `docker stats` shows it: without the page cache the kernel can drop at once.
 * cgroup v1 reports it as total_inactive_file, cgroup v2 as inactive_file; engines older than
 * that only had "cache". Never below 0.
 */
export function memoryUsage(stats: EngineStatsJson): number {
  const memory = stats.memory_stats;
  const usage = num(memory?.usage);
  const detail = memory?.stats ?? {};
  let reclaimable = 0;
  if (typeof detail.total_inactive_file === 'number') reclaimable = detail.total_inactive_file;
  else if (typeof detail.inactive_file === 'number') reclaimable = detail.inactive_file;
  else if (typeof detail.cache === 'number') reclaimable = detail.cache;
  return reclaimable < usage ? usage - reclaimable : usage;
}

/** Bytes received and sent, summed over the container's networks. */
export function networkBytes(stats: EngineStatsJson): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const network of Object.values(stats.networks ?? {})) {
    rx += num(network?.rx_bytes);
    tx += num(network?.tx_bytes);
  }
  return { rx, tx };
}

/** Bytes read from and written to block devices (cgroup v1 says "Read", v2 "read"). */
export function blockBytes(stats: EngineStatsJson): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry?.op?.toLowerCase();
    if (op === 'read') read += num(entry.value);
    else if (op === 'write') write += num(entry.value);
  }
  return { read, write };
}

/** The sample's time in epoch ms; a stopped container's zero time ("0001-01-01…") becomes `now`. */
export function sampleTime(stats: EngineStatsJson, now: number): number {
  const parsed = typeof stats.read === 'string' ? Date.parse(stats.read) : NaN;
  return Number.isFinite(parsed) && parsed > 0 ? parsed : now;
}

/** One message of the engine's stats stream as the sample Berth shows, like one row of `docker stats`. */
export function toStatsSample(id: string, stats: EngineStatsJson, now: number = Date.now()): StatsSample {
  const usage = memoryUsage(stats);
  const limit = num(stats.memory_stats?.limit);
  const network = networkBytes(stats);
  const block = blockBytes(stats);
  const pids = num(stats.pids_stats?.current);
  return {
    id,
    cpuPercent: Math.max(0, cpuPercent(stats)),
    memoryUsage: Math.max(0, usage),
    memoryLimit: Math.max(0, limit),
    memoryPercent: limit > 0 ? Math.max(0, (usage / limit) * 100) : 0,
    networkRx: network.rx,
    networkTx: network.tx,
    blockRead: block.read,
    blockWrite: block.write,
    pids: Number.isInteger(pids) && pids > 0 ? pids : 0,
    time: sampleTime(stats, now),
  };
}
