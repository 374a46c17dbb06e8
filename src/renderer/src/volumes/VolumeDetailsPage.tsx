import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError, type BerthError } from '../../../shared/errors';
import type { VolumeEntry, VolumeListing } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { InlineCode } from '../ui/InlineCode';
import { formatBytes, formatDateTime } from '../ui/format';
import { FileIcon, FolderIcon } from '../ui/icons';
import { BackupVolumeButton } from './BackupVolumeButton';
import { FilePreview } from './FilePreview';
import { RestoreVolumeButton } from './RestoreVolumeButton';
import { joinVolumePath, shownName } from './volumePath';

type Browse =
  { state: 'loading' } | { state: 'ready'; listing: VolumeListing } | { state: 'failed'; error: BerthError };

/**
 * One volume's files, read-only, through Berth's helper container: the folder path as a
 * breadcrumb, the folder's entries (keyboard: arrows move, Enter opens, Backspace goes up), a
 * preview of the chosen file with its download, and a backup of the whole volume.
 */
export function VolumeDetailsPage({ name }: { name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useBerthClient();
  const { available: connected } = useEngineAvailable();
  const [folder, setFolder] = useState('');
  // Once the user moved to another folder, its listing takes the focus (the row that opened it is gone).
  const [moved, setMoved] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<{ path: string; kind: VolumeEntry['kind'] } | null>(null);
  // The answer for one folder and attempt; any other answer kept is stale, so the folder is loading.
  const requestKey = `${attempt}:${folder}`;
  const [answer, setAnswer] = useState<{ key: string; browse: Browse } | null>(null);
  const browse: Browse = answer?.key === requestKey ? answer.browse : { state: 'loading' };

  useEffect(() => {
    if (!connected) return;
    let current = true;
    const settle = (next: Browse) => current && setAnswer({ key: requestKey, browse: next });
    client.request('volumes.browse', { name, path: folder }).then(
      (listing) => settle({ state: 'ready', listing }),
      (error: unknown) => settle({ state: 'failed', error: toBerthError(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, name, folder, connected, requestKey]);

  // Leaving the page ends the browse session: Berth's helper goes at once and the volume is free again.
  useEffect(
    () => () => {
      client.request('volumes.closeFiles', { name }).catch(() => undefined);
    },
    [client, name],
  );

  const openFolder = (path: string) => {
    setFolder(path);
    setMoved(true);
    setSelected(null);
  };
  const open = (entry: VolumeEntry) => {
    if (entry.kind === 'folder') openFolder(joinVolumePath(folder, entry.name));
    else setSelected({ path: joinVolumePath(folder, entry.name), kind: entry.kind });
  };
  const parts = folder ? folder.split('/') : [];
  const parent = parts.slice(0, -1).join('/');

  return (
    <div className="flex h-full flex-col overflow-auto p-6" data-testid="volume-details">
      <Button variant="ghost" className="-ml-3 self-start text-sm" onClick={() => navigate('volumes')}>
        ← {t('volumeFiles.back')}
      </Button>
      <header className="mt-2 flex flex-wrap items-start gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
            {t('volumeFiles.kind')}
          </p>
          <h1 className="text-xl font-semibold break-all" data-value>
            {name}
          </h1>
        </div>
      </header>
      <p className="mt-2 max-w-3xl text-sm leading-6 text-slate-600 dark:text-slate-400" data-testid="read-only-note">
        {/* The helper's image as code: a program's name, the same in every language. */}
        <InlineCode text={t('volumeFiles.readOnlyNote', { image: '`busybox`' })} />
      </p>
      {/* The backup's path field and result open under its button, so they get a row of their own. */}
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <BackupVolumeButton name={name} />
        <RestoreVolumeButton />
      </div>
      <EngineUnavailable className="mt-3" consequence={t('volumeFiles.engineDown')} />

      <nav aria-label={t('volumeFiles.breadcrumb')} className="mt-4" data-testid="volume-breadcrumb">
        <ol className="flex flex-wrap items-center gap-1 text-sm">
          {[name, ...parts].map((part, index) => {
            const path = parts.slice(0, index).join('/');
            const last = index === parts.length;
            return (
              <li key={`${index}:${part}`} className="flex items-center gap-1">
                {index > 0 && <span className="text-slate-400">/</span>}
                {last ? (
                  <span aria-current="page" className="font-medium break-all" data-value>
                    {part}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="rounded px-1 text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300"
                    onClick={() => openFolder(path)}
                    data-value
                  >
                    {part}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      {connected && (
        <div className="mt-3 grid gap-4 lg:min-h-0 lg:flex-1 lg:grid-cols-2">
          <section
            aria-label={t('volumeFiles.listLabel', { folder: folder || name })}
            className="rounded-lg border border-slate-200 lg:overflow-auto dark:border-slate-800"
          >
            <FolderListing
              browse={browse}
              folder={folder}
              focusOnReady={moved}
              selected={selected?.path ?? null}
              onOpen={open}
              onUp={folder ? () => openFolder(parent) : null}
              onRetry={() => setAttempt((n) => n + 1)}
              onRoot={() => openFolder('')}
            />
          </section>
          <section
            aria-label={t('volumeFiles.preview.title')}
            className="rounded-lg border border-slate-200 p-4 lg:overflow-auto dark:border-slate-800"
          >
            {selected ? (
              <FilePreview key={selected.path} volume={name} path={selected.path} kind={selected.kind} />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t('volumeFiles.preview.none')}</p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function FolderListing({
  browse,
  folder,
  focusOnReady,
  selected,
  onOpen,
  onUp,
  onRetry,
  onRoot,
}: {
  browse: Browse;
  folder: string;
  focusOnReady: boolean;
  selected: string | null;
  onOpen: (entry: VolumeEntry) => void;
  onUp: (() => void) | null;
  onRetry: () => void;
  onRoot: () => void;
}) {
  const { t, i18n } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (focusOnReady && browse.state === 'ready') list.current?.querySelector<HTMLElement>('button[data-row]')?.focus();
  }, [browse, focusOnReady]);
  if (browse.state === 'loading') {
    return (
      <p role="status" className="p-4 text-sm text-slate-600 dark:text-slate-400" data-testid="volume-loading">
        {t('volumeFiles.loading')}
      </p>
    );
  }
  if (browse.state === 'failed') {
    return (
      <div className="p-4">
        <ProblemCard problem={browse.error.toWire()} heading={t('volumeFiles.listFailed')}>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button variant="primary" onClick={onRetry}>
              {t('volumeFiles.retry')}
            </Button>
            {folder && <Button onClick={onRoot}>{t('volumeFiles.toRoot')}</Button>}
          </div>
        </ProblemCard>
      </div>
    );
  }
  const { entries, truncated } = browse.listing;

  // Arrows move between the rows, Home/End to the ends, Backspace goes up a folder; Enter is the button's own.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const rows = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-row]')];
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    const move = (index: number) => {
      event.preventDefault();
      rows[Math.max(0, Math.min(rows.length - 1, index))]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'Backspace' && onUp) {
      event.preventDefault();
      onUp();
    }
  };

  const rowClass =
    'flex w-full items-center gap-3 px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus-visible:bg-sky-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 aria-[current=true]:bg-sky-50 dark:hover:bg-slate-800/60 dark:focus-visible:bg-slate-800 dark:aria-[current=true]:bg-slate-800';
  return (
    <div>
      {truncated && (
        <p className="border-b border-slate-200 px-3 py-2 text-xs text-amber-800 dark:border-slate-800 dark:text-amber-300">
          {t('volumeFiles.truncated', { count: entries.length })}
        </p>
      )}
      <ul ref={list} onKeyDown={onKeyDown} data-testid="volume-entries">
        {onUp && (
          <li>
            <button type="button" data-row className={rowClass} onClick={onUp} data-testid="volume-up">
              <FolderIcon className="h-4 w-4 shrink-0 text-slate-400" />
              <span className="flex-1">{t('volumeFiles.up')}</span>
            </button>
          </li>
        )}
        {entries.map((entry) => {
          const path = joinVolumePath(folder, entry.name);
          const isFolder = entry.kind === 'folder';
          return (
            <li key={entry.name}>
              <button
                type="button"
                data-row
                className={rowClass}
                aria-current={selected === path ? true : undefined}
                onClick={() => onOpen(entry)}
                data-testid="volume-entry"
                data-kind={entry.kind}
                data-name={entry.name}
              >
                {isFolder ? (
                  <FolderIcon className="h-4 w-4 shrink-0 text-sky-600 dark:text-sky-400" />
                ) : (
                  <FileIcon className="h-4 w-4 shrink-0 text-slate-400" />
                )}
                <span className="sr-only">{t(`volumeFiles.kinds.${entry.kind}`)} </span>
                <span className="min-w-0 flex-1 truncate font-mono text-[13px]" data-value>
                  {shownName(entry.name)}
                </span>
                {entry.kind === 'link' && (
                  <span aria-hidden="true" className="text-xs text-slate-600 dark:text-slate-400">
                    {t('volumeFiles.kinds.link')}
                  </span>
                )}
                <span className="w-20 shrink-0 text-right text-xs text-slate-600 tabular-nums dark:text-slate-400">
                  {entry.kind === 'file' ? formatBytes(entry.size, i18n.language) : ''}
                </span>
                <span className="hidden w-40 shrink-0 text-right text-xs text-slate-600 sm:inline dark:text-slate-400">
                  {formatDateTime(new Date(entry.modified).toISOString(), i18n.language)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {entries.length === 0 && (
        <p className="p-4 text-sm text-slate-600 dark:text-slate-400" data-testid="volume-empty">
          {folder ? t('volumeFiles.emptyFolder') : t('volumeFiles.emptyVolume')}
        </p>
      )}
    </div>
  );
}
