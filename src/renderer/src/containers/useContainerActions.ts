import { useCallback, useState } from 'react';
import type { ContainerAction } from '../../../shared/containers';
import { toBerthError, type WireError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';

export type PendingAction = ContainerAction | 'remove';

export interface ActionFailure {
  id: string;
  name: string;
  error: WireError;
}

/** Container actions with a pending state per container and the engine's refusals kept for display. */
export function useContainerActions() {
  const client = useBerthClient();
  const [pending, setPending] = useState<ReadonlyMap<string, PendingAction>>(new Map());
  const [failures, setFailures] = useState<ActionFailure[]>([]);

  const mark = (id: string, action: PendingAction | null) =>
    setPending((previous) => {
      const next = new Map(previous);
      if (action) next.set(id, action);
      else next.delete(id);
      return next;
    });

  const fail = (id: string, name: string, error: unknown) => {
    const wire = toBerthError(error).toWire();
    setFailures((previous) => [...previous.filter((failure) => failure.id !== id), { id, name, error: wire }]);
  };

  const act = useCallback(
    async (id: string, name: string, action: ContainerAction) => {
      mark(id, action);
      setFailures((previous) => previous.filter((failure) => failure.id !== id));
      try {
        await client.request('containers.act', { id, action });
      } catch (error) {
        fail(id, name, error);
      } finally {
        mark(id, null);
      }
    },
    [client],
  );

  const remove = useCallback(
    async (id: string, name: string, options: { removeVolumes: boolean; force: boolean }) => {
      mark(id, 'remove');
      try {
        await client.request('containers.remove', {
          id,
          confirm: name,
          removeVolumes: options.removeVolumes,
          force: options.force,
          confirmRunning: options.force,
        });
      } catch (error) {
        fail(id, name, error);
      } finally {
        mark(id, null);
      }
    },
    [client],
  );

  const dismiss = useCallback(
    (id: string) => setFailures((previous) => previous.filter((failure) => failure.id !== id)),
    [],
  );

  return { pending, failures, act, remove, dismiss };
}
