import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

const kept = new Map<string, unknown>();

/**
 * useState whose value outlives the component while the app runs: the Build page keeps its folder,
 * its unsaved Dockerfile text and its options when the user leaves it (the build goes on in the
 * main process) and finds them again on coming back.
 */
export function useKeptState<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() =>
    kept.has(key) ? (kept.get(key) as T) : typeof initial === 'function' ? (initial as () => T)() : initial,
  );
  useEffect(() => {
    kept.set(key, value);
  }, [key, value]);
  return [value, setValue];
}

/** Forgets every kept value (tests start each page afresh). */
export function forgetKeptState(): void {
  kept.clear();
}
