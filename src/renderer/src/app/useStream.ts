import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { StreamEvent, StreamInput, StreamName } from '../../../shared/contract';
import type { BerthError } from '../../../shared/errors';
import { useBerthClient } from './clientContext';

export interface StreamStore<S> {
  /** `initial` until the first event, then each event folded in by the reducer. */
  state: S;
  /** Set when the stream itself broke (the transport to the main process went away); cleared by the next event. */
  error: BerthError | null;
  /** For a store's own optimistic changes (a started pull, saved settings) between events. */
  setState: Dispatch<SetStateAction<S>>;
}

/**
 * Follows a contract stream: the main process sends the current value first, then the changes;
 * `reduce` folds each into the state. Every renderer store is this plus its own view of the state.
 */
export function useStreamStore<N extends StreamName, S>(
  name: N,
  reduce: (state: S, event: StreamEvent<N>) => S,
  initial: S | (() => S),
  { input = {} as StreamInput<N>, enabled = true }: { input?: StreamInput<N>; enabled?: boolean } = {},
): StreamStore<S> {
  const client = useBerthClient();
  const [state, setState] = useState<S>(initial);
  const [error, setError] = useState<BerthError | null>(null);
  // The latest reducer, so an inline one does not subscribe again on every render.
  const reducer = useRef(reduce);
  useEffect(() => {
    reducer.current = reduce;
  }, [reduce]);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (!enabled) return;
    return client.subscribe(
      name,
      JSON.parse(key) as StreamInput<N>,
      (event) => {
        setError(null);
        setState((previous) => reducer.current(previous, event));
      },
      setError,
    );
  }, [client, name, key, enabled]);
  return { state, error, setState };
}

const latest = <E>(_previous: unknown, event: E): E => event;

/** The latest event of a contract stream (null until the first), and the stream's error if it broke. */
export function useStreamValue<N extends StreamName>(name: N, input: StreamInput<N>, enabled = true) {
  const { state: value, error } = useStreamStore<N, StreamEvent<N> | null>(name, latest, null, { input, enabled });
  return { value, error };
}
