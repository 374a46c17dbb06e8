import { useEffect, useState } from 'react';
import type { StatsSample } from '../../../shared/containers';
import { useBerthClient } from '../app/clientContext';

/**
 * Live stats for exactly the given containers (the rows on screen): one subscription, renewed a
 * moment after the set changes, so scrolling does not open and close streams on every frame.
 */
export function useStatsFor(ids: string[], settleMs = 250): ReadonlyMap<string, StatsSample> {
  const client = useBerthClient();
  const [samples, setSamples] = useState<ReadonlyMap<string, StatsSample>>(new Map());
  const key = [...ids].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let unsubscribe: (() => void) | null = null;
    const timer = setTimeout(() => {
      unsubscribe = client.subscribe('containers.stats', { ids: key.split(',') }, (sample) =>
        setSamples((previous) => new Map(previous).set(sample.id, sample)),
      );
    }, settleMs);
    return () => {
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [client, key, settleMs]);
  return samples;
}
