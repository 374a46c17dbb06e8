import type { StatsSample } from '../../shared/containers';

/** The parts of one GET /containers/{id}/stats message that `docker stats` reads (cgroup v1 and v2). */
export interface EngineStatsJson {
  /** When cpu_stats were read, and precpu_stats (RFC 3339 with nanoseconds; the zero time when none). */
  read?: string;
  preread?: string;
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

/** A window shorter than this between the two samples gives no CPU figure: their clocks and counters do not line up. */
export const MIN_CPU_WINDOW_MS = 100;
/** How far the host's CPU counter may stray from CPUs × elapsed time and still be taken as counting every CPU's time. */
const SYSTEM_COUNTER_TOLERANCE = 0.15;

/** An RFC 3339 time as epoch ms plus the nanoseconds within that ms; null for none or the zero time. */
function preciseTime(text: string | undefined): { ms: number; ns: number } | null {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return { ms, ns: Number(fraction.padEnd(9, '0').slice(3, 9)) };
}

/** Nanoseconds from preread to read; null when either is missing (a stream's first sample on dockerd). */
export function sampleWindowNs(stats: EngineStatsJson): number | null {
  const read = preciseTime(stats.read);
  const preread = preciseTime(stats.preread);
  if (!read || !preread) return null;
  return (read.ms - preread.ms) * 1e6 + (read.ns - preread.ns);
}

/**
 * Percent of one CPU, as the Docker CLI's calculateCPUPercentUnix: the container's CPU time over the
 * host's CPU time since the previous sample, times the number of CPUs. That holds while the host's
 * counter grows by CPUs × elapsed time, as dockerd's does. Podman's counts only the host's busy
 * time, which made one busy process about 180 % on 2 CPUs: when the counter strays from the
 * clock, the container's CPU time is taken over the samples' own elapsed time (read − preread)
 * instead. 0 when the container's time did not move (the first sample of a stopped container, or
 * a paused one); null when the samples are too close together to say (Podman's first, ~5 ms).
 * Never more than every CPU busy.
 */
export function cpuPercent(stats: EngineStatsJson): number | null {
  const cpu = stats.cpu_stats;
  const pre = stats.precpu_stats;
  const cpuDelta = num(cpu?.cpu_usage?.total_usage) - num(pre?.cpu_usage?.total_usage);
  const systemDelta = num(cpu?.system_cpu_usage) - num(pre?.system_cpu_usage);
  const onlineCpus = num(cpu?.online_cpus) || (cpu?.cpu_usage?.percpu_usage?.length ?? 0);
  if (cpuDelta <= 0 || onlineCpus <= 0) return 0;
  const windowNs = sampleWindowNs(stats);
  if (windowNs !== null && windowNs <= 0) return 0;
  if (windowNs !== null && windowNs < MIN_CPU_WINDOW_MS * 1e6) return null;
  const counterAgrees =
    windowNs === null || Math.abs(systemDelta / (windowNs * onlineCpus) - 1) <= SYSTEM_COUNTER_TOLERANCE;
  if (counterAgrees && systemDelta <= 0) return 0;
  const percent = counterAgrees ? (cpuDelta / systemDelta) * onlineCpus * 100 : (cpuDelta / windowNs!) * 100;
  return Math.min(percent, onlineCpus * 100);
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
  const cpu = cpuPercent(stats);
  return {
    id,
    cpuPercent: cpu === null ? null : Math.max(0, cpu),
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
