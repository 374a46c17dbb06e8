import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogBatch, LogLine } from '../../../../shared/containers';
import { useBerthClient } from '../../app/clientContext';
import { Button } from '../../ui/Button';
import { useCopy } from '../../ui/useCopy';
import { findMatches, LogBuffer, stripAnsi } from './logBuffer';
import { LogLineView } from './LogLineView';
import { sourceColourVariables } from './sourceColour';

/** The renderer keeps at most this many lines, so a container that logs forever keeps memory flat. */
export const MAX_LOG_LINES = 50_000;
const LINE_HEIGHT = 18;

/** How far back the logs start: the last 1,000 lines, the last hour, or everything. */
export type LogsSince = 'tail' | 'hour' | 'all';
const allSinces: readonly LogsSince[] = ['tail', 'hour', 'all'];

/** Starts a log stream from `since`, handing each batch to `onBatch`; returns its unsubscribe. */
export type LogsSubscribe = (since: LogsSince, onBatch: (batch: LogBatch) => void) => () => void;

function containerLogsInput(id: string, since: LogsSince) {
  if (since === 'tail') return { id, follow: true, tail: 1000, since: null };
  if (since === 'hour') return { id, follow: true, tail: null, since: Math.floor(Date.now() / 1000) - 3600 };
  return { id, follow: true, tail: null, since: null };
}

/** One container's logs (the container details page). */
export function ContainerLogsView({ id, name }: { id: string; name: string }) {
  const client = useBerthClient();
  const subscribe = useCallback<LogsSubscribe>(
    (since, onBatch) => client.subscribe('containers.logs', containerLogsInput(id, since), onBatch),
    [client, id],
  );
  return <LogsView name={name} subscribe={subscribe} />;
}

/** A line as copied or downloaded: its time, its source, stderr said, colours out. */
function plainLine(line: LogLine): string {
  const source = line.source ? `${line.source} | ` : '';
  return `${line.time ?? ''} ${source}${line.stream === 'stderr' ? '[stderr] ' : ''}${stripAnsi(line.text)}`.trim();
}

/**
 * Follows logs: stdout and stderr apart, colours, search, and a bounded buffer. Merged logs (lines
 * with a `source`, as a compose project's services) show their source in its colour before each
 * line, and can be filtered by source.
 */
export function LogsView({
  name,
  subscribe,
  sinces = allSinces,
  sources = [],
}: {
  /** The download's file name, without .log. */
  name: string;
  /** A new function starts the stream again (keep it stable with useCallback). */
  subscribe: LogsSubscribe;
  /** The choices of where to start; the first is the default. */
  sinces?: readonly LogsSince[];
  /** The sources to filter by before any line of theirs arrives (the project's services). */
  sources?: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const bufferRef = useRef(new LogBuffer(MAX_LOG_LINES));
  const [version, setVersion] = useState(0);
  const [ended, setEnded] = useState(false);
  const [since, setSince] = useState<LogsSince>(sinces[0] ?? 'tail');
  // Sources seen in lines, and the ones the user hid.
  const [seenSources, setSeenSources] = useState<ReadonlySet<string>>(() => new Set());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [showTime, setShowTime] = useState(false);
  const [following, setFollowing] = useState(true);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [copyState, copy] = useCopy();
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const buffer = bufferRef.current;
    buffer.clear();
    const unsubscribe = subscribe(since, (batch) => {
      if (batch.lines.length > 0) buffer.append(batch.lines);
      const fresh = batch.lines.flatMap((line) => (line.source === undefined ? [] : [line.source]));
      if (fresh.length > 0)
        setSeenSources((previous) =>
          fresh.every((source) => previous.has(source)) ? previous : new Set([...previous, ...fresh]),
        );
      if (batch.ended) setEnded(true);
      setVersion((value) => value + 1);
    });
    return () => {
      unsubscribe();
      setEnded(false);
    };
  }, [subscribe, since]);

  // Ctrl/Cmd+F searches the logs rather than the page.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const buffer = bufferRef.current;
  const allSources = useMemo(() => [...new Set([...sources, ...seenSources])].sort(), [sources, seenSources]);
  const sourceWidth = Math.max(0, ...allSources.map((source) => source.length));
  // The lines shown: all of them, or those of the sources not hidden.
  const shown = useMemo(
    () =>
      hidden.size === 0
        ? buffer.all()
        : buffer.all().filter((line) => line.source === undefined || !hidden.has(line.source)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the buffer is mutated in place; version says when
    [hidden, version, buffer],
  );
  const count = shown.length;
  const matches = useMemo(() => findMatches(shown, query), [query, shown]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const currentLine = matches.length > 0 ? matches[Math.min(current, matches.length - 1)] : undefined;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });

  // Follow the end while the user has not scrolled up.
  useEffect(() => {
    if (following && count > 0 && !query) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [version, following, count, query, virtualizer]);

  useEffect(() => {
    if (currentLine !== undefined) virtualizer.scrollToIndex(currentLine, { align: 'center' });
  }, [currentLine, virtualizer]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < LINE_HEIGHT * 2;
    setFollowing(atBottom);
  };

  const step = (delta: number) => {
    if (matches.length === 0) return;
    setCurrent((value) => (value + delta + matches.length) % matches.length);
  };

  const allText = () => shown.map(plainLine).join('\n');

  const toggleSource = (source: string) =>
    setHidden((previous) => {
      const next = new Set(previous);
      if (next.has(source)) next.delete(source);
      else next.add(source);
      return next;
    });

  const download = () => {
    const url = URL.createObjectURL(new Blob([allText() + '\n'], { type: 'text/plain' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `${name}.log`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="logs-view">
      <div className="flex flex-wrap items-center gap-2 pb-2">
        <input
          ref={searchRef}
          type="search"
          data-testid="logs-search"
          aria-label={t('details.logs.search')}
          placeholder={`${t('details.logs.search')} (Ctrl+F)`}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setCurrent(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') step(event.shiftKey ? -1 : 1);
          }}
          className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        {query && (
          <span className="text-xs text-slate-500" data-testid="logs-match-count">
            {matches.length > 0
              ? t('details.logs.matches', { index: Math.min(current, matches.length - 1) + 1, count: matches.length })
              : t('details.logs.noMatches')}
          </span>
        )}
        <Button
          className="!px-2 !py-0.5 text-xs"
          onClick={() => step(-1)}
          disabled={matches.length === 0}
          aria-label={t('details.logs.previous')}
          data-testid="logs-prev"
        >
          ↑
        </Button>
        <Button
          className="!px-2 !py-0.5 text-xs"
          onClick={() => step(1)}
          disabled={matches.length === 0}
          aria-label={t('details.logs.next')}
          data-testid="logs-next"
        >
          ↓
        </Button>
        <label className="ml-2 flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            checked={showTime}
            onChange={(event) => setShowTime(event.target.checked)}
            data-testid="logs-timestamps"
          />
          {t('details.logs.timestamps')}
        </label>
        <label className="flex items-center gap-1 text-xs">
          {t('details.logs.since')}
          <select
            value={since}
            onChange={(event) => setSince(event.target.value as LogsSince)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-800"
          >
            {sinces.map((option) => (
              <option key={option} value={option}>
                {t(`details.logs.sinceOptions.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="ml-auto flex gap-1">
          <Button className="!px-2 !py-0.5 text-xs" onClick={() => void copy(allText())}>
            {copyState === 'copied' ? t('details.logs.copied') : t('details.logs.copy')}
          </Button>
          <Button className="!px-2 !py-0.5 text-xs" onClick={download}>
            {t('details.logs.download')}
          </Button>
          <Button
            className="!px-2 !py-0.5 text-xs"
            onClick={() => {
              buffer.clear();
              setVersion((value) => value + 1);
            }}
          >
            {t('details.logs.clear')}
          </Button>
        </span>
      </div>
      {allSources.length > 0 && (
        <div
          role="group"
          aria-label={t('composeEditor.logs.filterHelp')}
          className="flex flex-wrap items-center gap-1.5 pb-2 text-xs"
          data-testid="logs-sources"
        >
          <span className="mr-1 text-slate-600 dark:text-slate-400">{t('composeEditor.logs.filter')}</span>
          {allSources.map((source) => {
            const showing = !hidden.has(source);
            return (
              <button
                key={source}
                type="button"
                aria-pressed={showing}
                aria-label={t('composeEditor.logs.show', { service: source })}
                data-testid="logs-source"
                data-source={source}
                onClick={() => toggleSource(source)}
                style={sourceColourVariables(source)}
                className={`flex items-center gap-1.5 rounded-full border px-2 py-0.5 font-mono focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ${
                  showing
                    ? 'border-slate-300 bg-white text-[var(--source-light)] dark:border-slate-600 dark:bg-slate-800 dark:text-[var(--source-dark)]'
                    : 'border-dashed border-slate-300 bg-transparent text-slate-600 line-through dark:border-slate-600 dark:text-slate-400'
                }`}
              >
                <span
                  aria-hidden="true"
                  className={`h-2 w-2 rounded-full ${showing ? 'bg-[var(--source-light)] dark:bg-[var(--source-dark)]' : 'bg-slate-400'}`}
                />
                <span data-value>{source}</span>
              </button>
            );
          })}
        </div>
      )}
      {buffer.dropped > 0 && (
        <p className="pb-1 text-xs text-amber-600 dark:text-amber-400">
          {t('details.logs.dropped', { count: MAX_LOG_LINES })}
        </p>
      )}
      <div
        ref={scrollRef}
        onScroll={onScroll}
        className="relative min-h-0 flex-1 overflow-auto rounded-lg bg-slate-950 py-2 font-mono text-xs text-slate-100"
        data-testid="logs-scroll"
        data-line-count={count}
      >
        {count === 0 && (
          <p className="px-3 text-slate-400">
            {buffer.length > 0
              ? t('composeEditor.logs.allHidden')
              : ended
                ? t('details.logs.ended')
                : t('details.logs.empty')}
          </p>
        )}
        <div style={{ height: virtualizer.getTotalSize() }} className="relative min-w-full">
          {virtualizer.getVirtualItems().map((item) => {
            const line = shown[item.index];
            if (!line) return null;
            return (
              <div
                key={line.seq}
                className="absolute top-0 left-0 min-w-full"
                style={{ height: LINE_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <LogLineView
                  line={line}
                  query={query}
                  isMatch={Boolean(query) && matchSet.has(item.index)}
                  isCurrent={item.index === currentLine}
                  showTime={showTime}
                  locale={i18n.language}
                  stderrLabel={t('details.logs.stderr')}
                  sourceWidth={sourceWidth}
                />
              </div>
            );
          })}
        </div>
      </div>
      <div className="flex items-center gap-2 pt-1 text-xs text-slate-500">
        {ended && count > 0 && <span>{t('details.logs.ended')}</span>}
        {!following && (
          <Button
            variant="ghost"
            className="ml-auto !px-2 !py-0 text-xs"
            onClick={() => setFollowing(true)}
            data-testid="logs-jump"
          >
            {t('details.logs.jump')}
          </Button>
        )}
      </div>
    </div>
  );
}
