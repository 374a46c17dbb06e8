import { useEffect, useState } from 'react';
import type { StreamEvent, StreamInput, StreamName } from '../../../shared/contract';
import { BerthError } from '../../../shared/errors';
import { useBerthClient } from './clientContext';

/** The latest event of a contract stream (null until the first), and the stream's error if it broke. */
export function useStreamValue<N extends StreamName>(name: N, input: StreamInput<N>, enabled = true) {
  const client = useBerthClient();
  const [value, setValue] = useState<StreamEvent<N> | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (!enabled) return;
    return client.subscribe(name, JSON.parse(key) as StreamInput<N>, setValue, setError);
  }, [client, name, key, enabled]);
  return { value, error };
}
