import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsSample } from '../../../../shared/containers';
import { useBerthClient } from '../../app/clientContext';
import { formatMemory, formatPercent, formatTransferred } from '../../../../shared/dockerUnits';
import { Sparkline } from './Sparkline';

/** Two minutes of samples at one a second. */
const HISTORY = 120;

function rates(samples: StatsSample[], pick: (sample: StatsSample) => number): number[] {
  const result: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (samples[i]!.time - samples[i - 1]!.time) / 1000;
    result.push(seconds > 0 ? Math.max(0, (pick(samples[i]!) - pick(samples[i - 1]!)) / seconds) : 0);
  }
  return result;
}

/** CPU as `docker stats` computes it, memory, network and disk, with small live charts. */
export function StatsView({ id, running }: { id: string; running: boolean }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [samples, setSamples] = useState<StatsSample[]>([]);

  useEffect(() => {
    if (!running) return;
    return client.subscribe('containers.stats', { ids: [id] }, (sample) =>
      setSamples((previous) => [...previous.slice(-(HISTORY - 1)), sample]),
    );
  }, [client, id, running]);

  if (!running) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('details.stats.notRunning')}</p>;
  const latest = samples.at(-1);
  if (!latest) return <p className="text-sm text-slate-500">{t('details.stats.waiting')}</p>;
  const rx = rates(samples, (sample) => sample.networkRx);
  const tx = rates(samples, (sample) => sample.networkTx);
  const read = rates(samples, (sample) => sample.blockRead);
  const write = rates(samples, (sample) => sample.blockWrite);
  const perSecond = (value: number | undefined) =>
    t('details.stats.perSecond', { value: formatTransferred(value ?? 0) });
  // Network and disk: the totals docker stats shows, and beside them how fast they grow now.
  const now = (first: number[], second: number[]) =>
    t('details.stats.now', { first: perSecond(first.at(-1)), second: perSecond(second.at(-1)) });

  const card = (title: string, value: string, chart: React.ReactNode, testId: string, rate?: string) => (
    <section className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 className="text-sm font-medium">{title}</h2>
        <span className="flex items-baseline gap-2">
          <span className="font-mono text-sm" data-testid={`${testId}-value`}>
            {value}
          </span>
          {rate && (
            <span className="text-xs tabular-nums text-slate-500 dark:text-slate-400" data-testid={`${testId}-rate`}>
              {rate}
            </span>
          )}
        </span>
      </div>
      <div className="mt-2">{chart}</div>
    </section>
  );

  return (
    <div className="grid gap-3 md:grid-cols-2" data-testid="stats-view">
      {card(
        t('details.stats.cpu'),
        latest.cpuPercent === null ? '—' : formatPercent(latest.cpuPercent),
        <Sparkline
          values={samples.flatMap((sample) => (sample.cpuPercent === null ? [] : [sample.cpuPercent]))}
          max={100}
          label={t('details.stats.cpu')}
        />,
        'stats-cpu',
      )}
      {card(
        t('details.stats.memory'),
        `${formatMemory(latest.memoryUsage)} / ${formatMemory(latest.memoryLimit)} (${formatPercent(latest.memoryPercent)})`,
        <Sparkline
          values={samples.map((sample) => sample.memoryUsage)}
          max={latest.memoryLimit > 0 ? undefined : 1}
          label={t('details.stats.memory')}
          tone="emerald"
        />,
        'stats-memory',
      )}
      {card(
        t('details.stats.network'),
        `${formatTransferred(latest.networkRx)} / ${formatTransferred(latest.networkTx)}`,
        <Sparkline
          values={rx.map((value, index) => value + (tx[index] ?? 0))}
          label={t('details.stats.network')}
          tone="violet"
        />,
        'stats-network',
        now(rx, tx),
      )}
      {card(
        t('details.stats.block'),
        `${formatTransferred(latest.blockRead)} / ${formatTransferred(latest.blockWrite)}`,
        <Sparkline
          values={read.map((value, index) => value + (write[index] ?? 0))}
          label={t('details.stats.block')}
          tone="amber"
        />,
        'stats-block',
        now(read, write),
      )}
      <p className="text-xs text-slate-500 md:col-span-2">
        <span data-testid="stats-pids">
          {t('details.stats.pids')}: {latest.pids}
        </span>{' '}
        · {t('details.stats.totals')}
      </p>
    </div>
  );
}
