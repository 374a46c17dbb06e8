import Anser from 'anser';
import { memo } from 'react';
import type { BufferedLine } from './logBuffer';
import { stripAnsi } from './logBuffer';
import { formatTimeOfDay } from '../../ui/format';
import { sourceColour } from './sourceColour';

function highlight(text: string, query: string, current: boolean) {
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts = [];
  let from = 0;
  let at = lower.indexOf(needle);
  while (at !== -1) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={at} className={current ? 'bg-orange-400 text-black' : 'bg-yellow-300 text-black'}>
        {text.slice(at, at + needle.length)}
      </mark>,
    );
    from = at + needle.length;
    at = lower.indexOf(needle, from);
  }
  parts.push(text.slice(from));
  return parts;
}

/** One log line: ANSI colours as the program meant them, matches highlighted, stderr marked. */
export const LogLineView = memo(function LogLineView({
  line,
  query,
  isMatch,
  isCurrent,
  showTime,
  locale,
  stderrLabel,
  sourceWidth = 0,
}: {
  line: BufferedLine;
  query: string;
  isMatch: boolean;
  isCurrent: boolean;
  showTime: boolean;
  /** The app's language, for the time of day. */
  locale: string;
  stderrLabel: string;
  /** The longest source's length, so merged lines' text starts in one column. */
  sourceWidth?: number;
}) {
  const stderr = line.stream === 'stderr';
  return (
    <div
      data-testid="log-line"
      data-stream={line.stream}
      className={`flex h-full items-center border-l-2 pr-3 pl-2 whitespace-pre ${stderr ? 'border-rose-500 bg-rose-500/10 text-rose-200' : 'border-transparent'} ${isCurrent ? 'bg-orange-500/20' : ''}`}
      aria-label={stderr ? stderrLabel : undefined}
    >
      {line.source !== undefined && (
        <span
          data-testid="log-source"
          className="mr-2 shrink-0 select-none"
          style={{ color: sourceColour(line.source).onDark, minWidth: `${sourceWidth}ch` }}
        >
          {line.source}
        </span>
      )}
      {line.source !== undefined && (
        <span aria-hidden="true" className="mr-2 shrink-0 text-slate-500 select-none">
          |
        </span>
      )}
      {showTime && (
        <span className="mr-3 shrink-0 text-slate-500 select-none">
          {line.time ? (formatTimeOfDay(line.time, locale) ?? line.time) : ''}
        </span>
      )}
      <span>
        {isMatch
          ? highlight(stripAnsi(line.text), query, isCurrent)
          : Anser.ansiToJson(line.text, { remove_empty: true }).map((segment, index) => (
              <span
                key={index}
                style={{
                  color: segment.fg ? `rgb(${segment.fg})` : undefined,
                  backgroundColor: segment.bg ? `rgb(${segment.bg})` : undefined,
                  fontWeight: segment.decorations?.includes('bold') ? 600 : undefined,
                }}
              >
                {segment.content}
              </span>
            ))}
      </span>
    </div>
  );
});
