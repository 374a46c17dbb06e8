import type { Network } from '../../../shared/networks';

/**
 * One color per container, the same wherever it appears (a container on two networks shows in both
 * boxes alike). Full class names, for Tailwind to find; each readable in light and dark.
 */
const palette = [
  'border-sky-400 bg-sky-50 text-sky-900 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-100',
  'border-emerald-400 bg-emerald-50 text-emerald-900 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-100',
  'border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100',
  'border-violet-400 bg-violet-50 text-violet-900 dark:border-violet-500 dark:bg-violet-950 dark:text-violet-100',
  'border-rose-400 bg-rose-50 text-rose-900 dark:border-rose-500 dark:bg-rose-950 dark:text-rose-100',
  'border-teal-400 bg-teal-50 text-teal-900 dark:border-teal-500 dark:bg-teal-950 dark:text-teal-100',
  'border-fuchsia-400 bg-fuchsia-50 text-fuchsia-900 dark:border-fuchsia-500 dark:bg-fuchsia-950 dark:text-fuchsia-100',
  'border-lime-500 bg-lime-50 text-lime-900 dark:border-lime-500 dark:bg-lime-950 dark:text-lime-100',
] as const;

/**
 * Each container's color: in the order of their names, so the first eight on the page all differ
 * (a hash of the id would give two of three containers the same color now and then).
 */
export function containerColors(networks: readonly Network[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const network of networks) for (const member of network.containers) names.set(member.id, member.name);
  const ids = [...names.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!) || a.localeCompare(b));
  return new Map(ids.map((id, index) => [id, palette[index % palette.length]!]));
}
