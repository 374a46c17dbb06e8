import type { CSSProperties } from 'react';

/**
 * A colour for where merged log lines come from (a compose service), the same for a name every
 * time. Each reads at AA contrast or better: `onDark` on the log panel (always dark) and on dark
 * chips, `light` on light chips.
 */
export interface SourceColour {
  onDark: string;
  light: string;
}

/** Tailwind's 300 (on dark) and 700 (on light) shades; no rose, which marks stderr. */
export const sourceColours: readonly SourceColour[] = [
  { onDark: '#7dd3fc', light: '#0369a1' }, // sky
  { onDark: '#6ee7b7', light: '#047857' }, // emerald
  { onDark: '#fcd34d', light: '#b45309' }, // amber
  { onDark: '#f0abfc', light: '#a21caf' }, // fuchsia
  { onDark: '#bef264', light: '#4d7c0f' }, // lime
  { onDark: '#fdba74', light: '#c2410c' }, // orange
  { onDark: '#c4b5fd', light: '#6d28d9' }, // violet
  { onDark: '#5eead4', light: '#0f766e' }, // teal
];

/** The colour for a source name: FNV-1a of the name, so it does not depend on order or on the other names. */
export function sourceColour(name: string): SourceColour {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return sourceColours[hash % sourceColours.length]!;
}

/** CSS variables for `text-[var(--source-light)] dark:text-[var(--source-dark)]` on a chip. */
export function sourceColourVariables(name: string): CSSProperties {
  const colour = sourceColour(name);
  return { '--source-light': colour.light, '--source-dark': colour.onDark } as CSSProperties;
}
