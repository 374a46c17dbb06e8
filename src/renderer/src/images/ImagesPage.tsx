import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalImage } from '../../../shared/images';
import { useNavigate } from '../app/navigation';
import { useStreamValue } from '../app/useStream';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { usePullByName } from '../pulls/pullByNameContext';
import { useRunDialog } from '../run/runDialogContext';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';
import { TextInput } from '../ui/Field';
import { formatBytes, formatRelativeTime } from '../ui/format';
import { BuildIcon, DownloadIcon, ImagesIcon } from '../ui/icons';
import { imageDisplayName, shortImageId } from './imageName';
import { PruneDialog } from './PruneDialog';
import { RemoveImageDialog } from './RemoveImageDialog';

type SortKey = 'created' | 'name' | 'size';

const sorters: Record<SortKey, (a: LocalImage, b: LocalImage) => number> = {
  created: (a, b) => b.created - a.created,
  name: (a, b) => imageDisplayName(a).localeCompare(imageDisplayName(b)),
  size: (a, b) => b.size - a.size,
};

/** The local image cache, kept current by the engine's events (no polling). */
export function ImagesPage() {
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const { available: connected } = useEngineAvailable();
  const { value: images, error } = useStreamValue('images.list', {}, connected);
  const { openRun } = useRunDialog();
  const { openPullByName } = usePullByName();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('created');
  // The id, not the row: the dialog follows the live list (a container that stopped meanwhile).
  const [removingId, setRemovingId] = useState<string | null>(null);
  const removing = removingId ? (images?.find((image) => image.id === removingId) ?? null) : null;
  const [pruning, setPruning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [now] = useState(() => Date.now());

  const { named, dangling } = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = [...(images ?? [])].sort(sorters[sort]);
    const matches = (image: LocalImage) =>
      !needle || image.repoTags.some((tag) => tag.toLowerCase().includes(needle)) || image.id.includes(needle);
    return {
      named: all.filter((image) => !image.dangling && matches(image)),
      dangling: all.filter((image) => image.dangling),
    };
  }, [images, filter, sort]);

  // Without the Docker server the list is unknown, not empty: say so instead of "No images here yet".
  if (!connected) {
    return (
      <div className="mx-auto max-w-5xl p-6" data-testid="images-page">
        <h1 className="text-xl font-semibold">{t('images.title')}</h1>
        <EngineUnavailable className="mt-4" consequence={t('engineUnavailable.images')} />
      </div>
    );
  }
  if (images && images.length === 0) {
    return (
      <EmptyState
        icon={<ImagesIcon className="h-7 w-7" />}
        title={t('empty.images.title')}
        body={t('empty.images.body')}
        action={t('empty.images.action')}
        onAction={() => navigate('hub')}
        secondaryAction={t('pullByName.open')}
        onSecondaryAction={() => openPullByName()}
        more={
          <Button variant="ghost" onClick={() => navigate('build')} data-testid="images-empty-build">
            <BuildIcon className="h-4 w-4" />
            {t('build.fromDockerfile')}
          </Button>
        }
      />
    );
  }

  const row = (image: LocalImage) => {
    const name = imageDisplayName(image);
    return (
      <tr
        key={image.id}
        data-testid="image-row"
        data-image={name}
        className="border-b border-slate-100 dark:border-slate-800/60"
      >
        <td className="py-2 pr-3 font-mono font-medium break-all">
          {image.repoTags.length > 0 ? image.repoTags.join(', ') : '<none>'}
        </td>
        <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap text-slate-500">{shortImageId(image.id)}</td>
        <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums" data-testid="image-size">
          {formatBytes(image.size, i18n.language)}
        </td>
        <td className="py-2 pr-3 whitespace-nowrap text-slate-600 dark:text-slate-400" data-testid="image-created">
          {formatRelativeTime(image.created * 1000, i18n.language, now)}
        </td>
        <td className="py-2 pr-3 text-xs whitespace-nowrap" data-testid="image-usage">
          {image.containers.length > 0 ? (
            t('images.inUse', { count: image.containers.length })
          ) : (
            <span className="text-slate-500 dark:text-slate-400">{t('images.notInUse')}</span>
          )}
        </td>
        <td className="py-2 text-right whitespace-nowrap">
          {!image.dangling && (
            <Button
              variant="primary"
              className="mr-2 !py-1 text-xs"
              data-testid="image-run"
              onClick={() => openRun(name)}
            >
              {t('images.run')}
            </Button>
          )}
          <Button
            className="mr-2 !py-1 text-xs"
            data-testid="image-layers"
            aria-label={t('layers.openLabel', { name })}
            onClick={() => navigate('images', image.id)}
          >
            {t('layers.open')}
          </Button>
          <Button className="!py-1 text-xs" data-testid="image-remove" onClick={() => setRemovingId(image.id)}>
            {t('images.remove')}
          </Button>
        </td>
      </tr>
    );
  };

  const header = (
    <thead className="border-b border-slate-200 text-xs whitespace-nowrap text-slate-500 dark:border-slate-800">
      <tr>
        <th className="py-2 pr-3 font-medium">{t('images.column.name')}</th>
        <th className="py-2 pr-3 font-medium">{t('images.column.id')}</th>
        <th className="py-2 pr-3 text-right font-medium">{t('images.column.size')}</th>
        <th className="py-2 pr-3 font-medium">{t('images.column.created')}</th>
        <th className="py-2 pr-3 font-medium">{t('images.column.usage')}</th>
        <th>
          <span className="sr-only">{t('images.column.actions')}</span>
        </th>
      </tr>
    </thead>
  );

  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="images-page">
      <h1 className="text-xl font-semibold">{t('images.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('images.intro')}</p>
      {error && <ProblemCard problem={error.toWire()} />}
      {notice && (
        <p
          role="status"
          className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
          data-testid="images-notice"
        >
          {notice}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <TextInput
          aria-label={t('images.filter')}
          placeholder={t('images.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="max-w-xs"
          data-testid="images-filter"
        />
        <label className="flex items-center gap-2 text-sm">
          {t('images.sort.label')}
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
            value={sort}
            onChange={(event) => setSort(event.target.value as SortKey)}
          >
            {(['created', 'name', 'size'] as const).map((key) => (
              <option key={key} value={key}>
                {t(`images.sort.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <Button className="ml-auto" onClick={() => navigate('build')} data-testid="images-build">
          <BuildIcon className="h-4 w-4" />
          {t('build.openFromImages')}
        </Button>
        <Button onClick={() => openPullByName()} data-testid="images-pull-by-name">
          <DownloadIcon className="h-4 w-4" />
          {t('pullByName.open')}
        </Button>
      </div>
      {!images ? (
        <p className="mt-4 text-sm text-slate-500">{t('images.loading')}</p>
      ) : named.length === 0 && filter ? (
        <p className="mt-4 text-sm">{t('images.none', { filter })}</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          {header}
          <tbody>{named.map(row)}</tbody>
        </table>
      )}
      {dangling.length > 0 && (
        <section className="mt-8" data-testid="dangling-images">
          <div className="flex items-center gap-3">
            <h2 className="font-semibold">{t('images.dangling')}</h2>
            <Button className="ml-auto text-xs" onClick={() => setPruning(true)} data-testid="prune-open">
              {t('images.prune')}
            </Button>
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('images.danglingIntro')}</p>
          <table className="mt-2 w-full text-left text-sm">
            {header}
            <tbody>{dangling.map(row)}</tbody>
          </table>
        </section>
      )}
      {removing && (
        <RemoveImageDialog
          image={removing}
          onClose={() => setRemovingId(null)}
          onRemoved={(name) => {
            setRemovingId(null);
            setNotice(t('images.removed', { name }));
          }}
        />
      )}
      {pruning && (
        <PruneDialog
          images={dangling}
          onClose={() => setPruning(false)}
          onDone={(message) => {
            setPruning(false);
            setNotice(message);
          }}
        />
      )}
    </div>
  );
}
