import { useCallback, useState } from 'react';
import { toBerthError, type BerthError } from '../../../shared/errors';

export interface Action {
  /** True while the action runs: its button is disabled meanwhile. */
  busy: boolean;
  /** What the last run threw, as a BerthError; cleared when it runs again. */
  failure: BerthError | null;
  /** Runs it: busy meanwhile, anything thrown kept as `failure` (nothing rethrown). */
  run: (action: () => Promise<void>) => Promise<void>;
  /** Forgets the last failure (an edited form no longer shows the refusal of what it was). */
  clear: () => void;
}

/** A request a dialog or a button makes (remove, prune, create, measure), with its busy state and its failure. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(toBerthError(error));
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setFailure(null), []);
  return { busy, failure, run, clear };
}
