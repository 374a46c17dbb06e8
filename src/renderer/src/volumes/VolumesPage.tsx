import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Volume, VolumePruneResult, VolumeSizes } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useStreamValue } from '../app/useStream';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';
import { TextInput } from '../ui/Field';
import { formatBytes, formatRelativeTime } from '../ui/format';
import { InlineCode } from '../ui/InlineCode';
import { VolumesIcon } from '../ui/icons';
import { useAction } from '../ui/useAction';
import { useNow } from '../ui/useNow';
import { CreateVolumeDialog } from './CreateVolumeDialog';
import { PruneResult } from './PruneResult';
import { PruneVolumesDialog } from './PruneVolumesDialog';
import { RemoveVolumeDialog } from './RemoveVolumeDialog';
import { RestoreVolumeButton } from './RestoreVolumeButton';
import { VolumeUsers } from './VolumeUsers';

/** The volumes, kept current by the engine's events (no polling); sizes only when the user asks. */
export function VolumesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useBerthClient();
  const { available: connected, actionProps } = useEngineAvailable();
  const { value: volumes, error } = useStreamValue('volumes.list', {}, connected);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  // The name, not the row: the dialog follows the live list (a container made meanwhile).
  const [removingName, setRemovingName] = useState<string | null>(null);
  const removing = removingName ? (volumes?.find((volume) => volume.name === removingName) ?? null) : null;
  const [pruning, setPruning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [pruneResult, setPruneResult] = useState<VolumePruneResult | null>(null);
  const [sizes, setSizes] = useState<VolumeSizes | null>(null);
  const { busy: measuring, failure: sizesFailure, run: runMeasure } = useAction();
  const now = useNow(Boolean(volumes && volumes.length > 0), 30_000);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (volumes ?? []).filter((volume) => !needle || volume.name.toLowerCase().includes(needle));
  }, [volumes, filter]);
  // The unused volumes on screen: with a filter, only those it shows (the dialog lists each before asking).
  const unused = useMemo(() => shown.filter((volume) => volume.containers.length === 0), [shown]);

  const measure = () => runMeasure(async () => setSizes(await client.request('volumes.sizes', {})));
  const say = (message: string) => {
    setPruneResult(null);
    setNotice(message);
  };

  const createDialog = creating && (
    <CreateVolumeDialog
      onClose={() => setCreating(false)}
      onCreated={(volume) => {
        setCreating(false);
        say(t('volumes.create.done', { name: volume.name }));
      }}
    />
  );

  // Without the Docker server the list is unknown, not empty: say so instead of "No volumes yet".
  if (!connected) {
    return (
      <div className="mx-auto max-w-5xl p-6" data-testid="volumes-page">
        <h1 className="text-xl font-semibold">{t('volumes.title')}</h1>
        <EngineUnavailable className="mt-4" consequence={t('volumes.engineUnavailable')} />
      </div>
    );
  }
  if (volumes && volumes.length === 0) {
    return (
      <div data-testid="volumes-page">
        {notice && <Notice text={notice} />}
        <EmptyState
          icon={<VolumesIcon className="h-7 w-7" />}
          title={t('volumes.empty.title')}
          body={t('volumes.empty.body')}
          action={t('volumes.empty.action')}
          onAction={() => setCreating(true)}
          secondaryAction={t('volumes.empty.lesson')}
          onSecondaryAction={() => navigate('lessons', 'portsAndVolumes')}
          more={<RestoreVolumeButton />}
        />
        {createDialog}
      </div>
    );
  }

  const sizeOf = (volume: Volume): string => {
    const size = sizes?.sizes[volume.name];
    return typeof size === 'number' ? formatBytes(size, i18n.language) : t('volumes.sizes.unknown');
  };

  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="volumes-page">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold">{t('volumes.title')}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('volumes.intro')}</p>
          <a
            href="#/lessons/portsAndVolumes"
            className="mt-1 inline-block text-sm text-sky-700 underline hover:text-sky-800 dark:text-sky-300"
            onClick={(event) => {
              event.preventDefault();
              navigate('lessons', 'portsAndVolumes');
            }}
            data-testid="volumes-lesson-link"
          >
            {t('volumes.empty.lesson')}
          </a>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <RestoreVolumeButton />
          <Button variant="primary" {...actionProps} onClick={() => setCreating(true)} data-testid="volumes-create">
            {t('volumes.create.open')}
          </Button>
        </div>
      </div>
      {error && <ProblemCard problem={error.toWire()} />}
      {notice && <Notice text={notice} />}
      {pruneResult && <PruneResult result={pruneResult} />}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <TextInput
          aria-label={t('volumes.filter')}
          placeholder={t('volumes.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="max-w-xs"
          data-testid="volumes-filter"
        />
        <Button
          {...actionProps}
          disabled={measuring || actionProps.disabled}
          onClick={() => void measure()}
          aria-describedby="volumes-sizes-hint"
          data-testid="volumes-show-sizes"
        >
          {measuring ? t('volumes.sizes.measuring') : sizes ? t('volumes.sizes.again') : t('volumes.sizes.show')}
        </Button>
        <Button
          className="ml-auto"
          {...actionProps}
          disabled={unused.length === 0 || actionProps.disabled}
          title={unused.length === 0 ? t('volumes.prune.nothing') : actionProps.title}
          onClick={() => setPruning(true)}
          data-testid="volumes-prune"
        >
          {t('volumes.prune.open')}
        </Button>
      </div>
      <p id="volumes-sizes-hint" className="mt-2 text-xs text-slate-500 dark:text-slate-400" data-testid="sizes-hint">
        {sizes
          ? t('volumes.sizes.measured', { when: formatRelativeTime(sizes.measuredAt, i18n.language, now) })
          : t('volumes.sizes.hint')}
      </p>
      {sizesFailure && <ProblemCard problem={sizesFailure.toWire()} />}
      {!volumes ? (
        <p className="mt-4 text-sm text-slate-500">{t('volumes.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="mt-4 text-sm">{t('volumes.none', { filter })}</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs whitespace-nowrap text-slate-500 dark:border-slate-800">
            <tr>
              <th className="py-2 pr-3 font-medium">{t('volumes.column.name')}</th>
              <th className="py-2 pr-3 font-medium">{t('volumes.column.driver')}</th>
              <th className="py-2 pr-3 font-medium">{t('volumes.column.created')}</th>
              <th className="py-2 pr-3 font-medium">{t('volumes.column.usedBy')}</th>
              {sizes && <th className="py-2 pr-3 text-right font-medium">{t('volumes.column.size')}</th>}
              <th>
                <span className="sr-only">{t('volumes.column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((volume) => (
              <tr
                key={volume.name}
                data-testid="volume-row"
                data-volume={volume.name}
                className="border-b border-slate-100 align-top dark:border-slate-800/60"
              >
                <td className="py-2 pr-3">
                  <a
                    href={`#/volumes/${encodeURIComponent(volume.name)}`}
                    aria-label={t('volumes.openLabel', { name: volume.name })}
                    className="font-mono font-medium break-all text-sky-700 underline hover:no-underline dark:text-sky-300"
                  >
                    {volume.name}
                  </a>
                  <div className="mt-1">
                    <span
                      title={
                        volume.anonymous
                          ? t('volumes.kind.anonymousHelp')
                          : t('volumes.kind.namedHelp', { name: volume.name })
                      }
                    >
                      <Badge tone={volume.anonymous ? 'amber' : 'sky'} testId="volume-kind">
                        {volume.anonymous ? t('volumes.kind.anonymous') : t('volumes.kind.named')}
                      </Badge>
                    </span>
                  </div>
                </td>
                <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap" data-value>
                  {volume.driver}
                </td>
                <td className="py-2 pr-3 whitespace-nowrap text-slate-600 dark:text-slate-400">
                  {volume.created === null
                    ? t('volumes.createdUnknown')
                    : formatRelativeTime(volume.created, i18n.language, now)}
                </td>
                <td className="py-2 pr-3" data-testid="volume-users">
                  {volume.containers.length > 0 ? (
                    <VolumeUsers users={volume.containers} />
                  ) : (
                    <span className="text-xs text-slate-500 dark:text-slate-400">{t('volumes.unused')}</span>
                  )}
                </td>
                {sizes && (
                  <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums" data-testid="volume-size">
                    {sizeOf(volume)}
                  </td>
                )}
                <td className="py-2 text-right whitespace-nowrap">
                  <Button
                    className="!py-1 text-xs"
                    aria-label={t('volumes.remove.label', { name: volume.name })}
                    onClick={() => setRemovingName(volume.name)}
                    data-testid="volume-remove"
                  >
                    {t('volumes.remove.action')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-4 text-xs leading-5 text-slate-600 dark:text-slate-300 [&_code]:whitespace-nowrap">
        <InlineCode text={t('volumes.legend')} />
      </p>
      {createDialog}
      {removing && (
        <RemoveVolumeDialog
          volume={removing}
          onClose={() => setRemovingName(null)}
          onRemoved={(name) => {
            setRemovingName(null);
            say(t('volumes.remove.done', { name }));
          }}
        />
      )}
      {pruning && (
        <PruneVolumesDialog
          volumes={unused}
          sizes={sizes?.sizes ?? null}
          onClose={() => setPruning(false)}
          onDone={(result) => {
            setPruning(false);
            setNotice(null);
            setPruneResult(result);
          }}
        />
      )}
    </div>
  );
}

function Notice({ text }: { text: string }) {
  return (
    <p
      role="status"
      className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
      data-testid="volumes-notice"
    >
      {text}
    </p>
  );
}
