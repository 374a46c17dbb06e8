import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsService } from '../../src/main/containers/statsService';
import { createDockerClient } from '../../src/main/engine/dockerConnection';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { formatMemory, formatTransferred } from '../../src/shared/dockerUnits';
import type { StatsSample } from '../../src/shared/containers';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';

/** One row of `docker stats --no-stream` for a container. */
function cliStats(name: string): { memory: string; limit: string; net: string; block: string; pids: string } {
  const [usage, net, block, pids] = docker(
    'stats',
    '--no-stream',
    '--format',
    '{{.MemUsage}}|{{.NetIO}}|{{.BlockIO}}|{{.PIDs}}',
    name,
  ).split('|');
  const [memory, limit] = (usage ?? '').split(' / ');
  return { memory: memory ?? '', limit: limit ?? '', net: net ?? '', block: block ?? '', pids: pids ?? '' };
}

/** Berth's figures for a sample, written as the stats view writes them. */
function berthStats(sample: StatsSample) {
  return {
    memory: formatMemory(sample.memoryUsage),
    limit: formatMemory(sample.memoryLimit),
    net: `${formatTransferred(sample.networkRx)} / ${formatTransferred(sample.networkTx)}`,
    block: `${formatTransferred(sample.blockRead)} / ${formatTransferred(sample.blockWrite)}`,
    pids: String(sample.pids),
  };
}

describe.skipIf(!requireEngine.available)('stats figures match docker stats', () => {
  let client: Docker;
  let service: StatsService;
  const name = `berth-stats-cli-${randomBytes(4).toString('hex')}`;

  beforeAll(() => {
    const resolution = resolveEndpoint(realHostSystem(process.env));
    if (!resolution.ok) throw new Error(`no engine endpoint: ${resolution.problem.message}`);
    client = createDockerClient(resolution.endpoint);
    service = new StatsService({ getClient: () => client });
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
    // Idle, with a known amount of memory in use (a 3 MB file in /dev/shm, counted by the cgroup).
    docker('run', '-d', '--name', name, 'busybox', 'sh', '-c', 'head -c 3000000 /dev/zero > /dev/shm/fill; sleep 600');
  });

  afterAll(() => {
    service?.dispose();
    docker('rm', '-f', name);
  });

  it('shows memory in binary units and network and disk as totals, as the CLI does', async () => {
    const id = docker('inspect', '--format', '{{.Id}}', name);
    const samples: StatsSample[] = [];
    const close = service.open({ ids: [id] }, (sample) => samples.push(sample));
    try {
      // An idle container's figures hold still; a reading may still land between two changes, so
      // Berth's sample must equal the CLI's reading just before or just after it.
      let matched: { cli: ReturnType<typeof cliStats>; berth: ReturnType<typeof berthStats> } | null = null;
      for (let attempt = 0; attempt < 10 && !matched; attempt++) {
        const before = cliStats(name);
        const count = samples.length;
        while (samples.length <= count) await new Promise((resolve) => setTimeout(resolve, 50));
        const berth = berthStats(samples.at(-1)!);
        const after = cliStats(name);
        const same = [before, after].find((cli) => JSON.stringify(cli) === JSON.stringify(berth));
        if (same) matched = { cli: same, berth };
      }
      expect(
        matched,
        `Berth: ${JSON.stringify(berthStats(samples.at(-1)!))}, CLI: ${JSON.stringify(cliStats(name))}`,
      ).not.toBeNull();
      expect(matched!.berth.memory).toMatch(/^\d+(\.\d+)?(B|KiB|MiB|GiB)$/);
      expect(matched!.berth.limit).toMatch(/(MiB|GiB|TiB)$/);
      expect(matched!.berth.net).toMatch(/^\d+(\.\d+)?(B|kB|MB|GB) \/ \d+(\.\d+)?(B|kB|MB|GB)$/);
    } finally {
      close();
    }
  });
});
