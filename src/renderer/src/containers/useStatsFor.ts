import { useEffect, useRef, useState } from 'react';
import type { StatsSample } from '../../../shared/containers';
import { useBerthClient } from '../app/clientContext';

/**
 * Live stats for exactly the given containers (the rows on screen). One subscription per container,
 * kept while its row stays on screen: when the set changes, only the rows that came or went open or
 * close a stream. The set is taken a moment after it settles, so scrolling does not churn streams.
 */
export function useStatsFor(ids: string[], settleMs = 250): ReadonlyMap<string, StatsSample> {
  const client = useBerthClient();
  const [samples, setSamples] = useState<ReadonlyMap<string, StatsSample>>(new Map());
  const open = useRef(new Map<string, () => void>());
  const key = [...ids].sort().join(',');

  useEffect(() => {
    const timer = setTimeout(() => {
      const wanted = new Set(key ? key.split(',') : []);
      for (const [id, close] of open.current) {
        if (wanted.has(id)) continue;
        close();
        open.current.delete(id);
      }
      for (const id of wanted) {
        if (open.current.has(id)) continue;
        open.current.set(
          id,
          client.subscribe('containers.stats', { ids: [id] }, (sample) =>
            setSamples((previous) => new Map(previous).set(sample.id, sample)),
          ),
        );
      }
    }, settleMs);
    return () => clearTimeout(timer);
  }, [client, key, settleMs]);

  // Every stream closes with the list.
  useEffect(() => {
    const streams = open.current;
    return () => {
      for (const close of streams.values()) close();
      streams.clear();
    };
  }, [client]);

  return samples;
}
