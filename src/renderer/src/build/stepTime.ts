import { formatDuration } from '../ui/format';

/**
 * A step's time, short enough for a badge: "4ms" or "<1ms" for a cache lookup, "1.3s" for a quick RUN,
 * "2:05" past a minute (as formatDuration writes a time elsewhere in Berth).
 */
export function formatStepTime(ms: number, locale: string): string {
  if (ms < 1000) {
    const format = new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'narrow' });
    // A cache lookup often takes no whole millisecond: "<1ms", not a "0ms" that reads as not measured.
    return ms < 0.5 ? `<${format.format(1)}` : format.format(Math.round(ms));
  }
  if (ms < 60_000) {
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'second',
      unitDisplay: 'narrow',
      maximumFractionDigits: 1,
    }).format(ms / 1000);
  }
  return formatDuration(ms / 1000);
}
