/** Figures written exactly as the docker CLI writes them (its go-units package), whatever the language. */

/**
 * Go's "%.Ng" as the docker CLI prints its figures: N significant digits, trailing zeros dropped,
 * and Go's exponent form ("1e+03") when rounding reaches 10^N.
 */
function goSignificant(value: number, digits: number): string {
  const text = value.toPrecision(digits);
  const exponent = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  if (!exponent) return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  const mantissa = exponent[1]!.includes('.') ? exponent[1]!.replace(/\.?0+$/, '') : exponent[1]!;
  return `${mantissa}e${exponent[2]}${exponent[3]!.padStart(2, '0')}`;
}

/** The docker CLI's units.CustomSize: divide by the base while the value reaches it. */
function dockerSize(bytes: number, base: number, units: readonly string[], digits: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  return `${goSignificant(value, digits)}${units[unit]}`;
}

/** Memory as `docker stats` writes MEM USAGE / LIMIT: binary units, 4 significant digits ("524KiB", "23.54GiB"). */
export function formatMemory(bytes: number): string {
  return dockerSize(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], 4);
}

/** Bytes moved as `docker stats` writes NET I/O and BLOCK I/O: decimal units, 3 significant digits ("1.05kB", "648B"). */
export function formatTransferred(bytes: number): string {
  return dockerSize(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], 3);
}

/** A percentage as `docker stats` writes CPU % and MEM %: two decimals ("0.25%"). */
export function formatPercent(value: number): string {
  return `${value.toFixed(2)}%`;
}

/** Sizes as `docker system df` and `docker images` write them (units.HumanSize): decimal units, 4 significant digits ("1.535GB", "0B"). */
export function formatDiskSize(bytes: number): string {
  return dockerSize(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], 4);
}
