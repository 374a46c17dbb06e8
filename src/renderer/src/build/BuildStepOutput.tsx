import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LogLineView } from '../containers/details/LogLineView';
import type { BufferedLine } from '../containers/details/logBuffer';

const LINE_HEIGHT = 18;
/** Up to this many lines are simply drawn; past it only the lines in view are (a RUN can print thousands). */
export const DRAWN_LINES_LIMIT = 200;

function asLogLines(lines: readonly string[]): BufferedLine[] {
  return lines.map((text, seq) => ({ stream: 'stdout', text, time: null, seq }));
}

/**
 * A step's output in the logs' look (ANSI colours kept), in a box that follows the end while the step
 * runs, unless the user scrolled up to read.
 */
export function BuildStepOutput({
  id,
  label,
  lines,
  truncated,
  follow,
}: {
  id: string;
  /** The box's accessible name: "Output of step 3". */
  label: string;
  lines: readonly string[];
  truncated: boolean;
  follow: boolean;
}) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const logLines = useMemo(() => asLogLines(lines), [lines]);
  const virtual = logLines.length > DRAWN_LINES_LIMIT;
  // eslint-disable-next-line react-hooks/incompatible-library -- read in this render only, as LogsView does
  const virtualizer = useVirtualizer({
    count: virtual ? logLines.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!follow || !atEnd.current || !element) return;
    if (virtual) virtualizer.scrollToIndex(logLines.length - 1, { align: 'end' });
    else element.scrollTop = element.scrollHeight;
  }, [follow, logLines, virtual, virtualizer]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (element) atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < LINE_HEIGHT * 2;
  };

  const row = (line: BufferedLine) => (
    <LogLineView
      line={line}
      query=""
      isMatch={false}
      isCurrent={false}
      showTime={false}
      locale={i18n.language}
      stderrLabel={t('details.logs.stderr')}
    />
  );

  return (
    <div id={id} className="mt-1.5">
      {truncated && (
        <p className="pb-1 text-xs text-amber-700 dark:text-amber-400" data-testid="build-step-output-truncated">
          {t('buildSteps.outputTruncated')}
        </p>
      )}
      <div
        ref={scrollRef}
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-label={label}
        className="max-h-56 overflow-auto rounded-md bg-slate-950 py-1.5 dark:ring-1 dark:ring-slate-700 font-mono text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500"
        data-testid="build-step-output"
        data-line-count={logLines.length}
      >
        {virtual ? (
          <div style={{ height: virtualizer.getTotalSize() }} className="relative min-w-full">
            {virtualizer.getVirtualItems().map((item) => {
              const line = logLines[item.index];
              if (!line) return null;
              return (
                <div
                  key={item.index}
                  className="absolute top-0 left-0 min-w-full"
                  style={{ height: LINE_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  {row(line)}
                </div>
              );
            })}
          </div>
        ) : (
          logLines.map((line) => (
            <div key={line.seq} style={{ height: LINE_HEIGHT }}>
              {row(line)}
            </div>
          ))
        )}
      </div>
    </div>
  );
}
