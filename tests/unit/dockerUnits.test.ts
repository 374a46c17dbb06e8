import { describe, expect, it } from 'vitest';
import { formatMemory, formatPercent, formatTransferred } from '../../src/shared/dockerUnits';

describe('docker stats figures', () => {
  it('writes memory in binary units with four significant digits, as docker stats does', () => {
    expect(formatMemory(536_576)).toBe('524KiB');
    expect(formatMemory(25_277_685_760)).toBe('23.54GiB');
    expect(formatMemory(0)).toBe('0B');
    expect(formatMemory(1023)).toBe('1023B');
    expect(formatMemory(1024)).toBe('1KiB');
    expect(formatMemory(2_048_000)).toBe('1.953MiB');
  });

  it('writes network and disk totals in decimal units with three significant digits', () => {
    expect(formatTransferred(648)).toBe('648B');
    expect(formatTransferred(1048)).toBe('1.05kB');
    expect(formatTransferred(12_345_678)).toBe('12.3MB');
    expect(formatTransferred(1000)).toBe('1kB');
    // Go's %.3g turns 999.6 into 1e+03, and so does the CLI.
    expect(formatTransferred(999_600)).toBe('1e+03kB');
  });

  it('writes percentages with two decimals', () => {
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(12.345)).toBe('12.35%');
  });
});
