import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineStatus } from '../../../shared/engine';
import type { WireError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { useStreamStore } from '../app/useStream';

interface EngineStatusValue {
  /** Null until the main process sent the first status. */
  status: EngineStatus | null;
  /** Set when the stream to the main process itself broke. */
  transportError: WireError | null;
}

const EngineStatusContext = createContext<EngineStatusValue>({ status: null, transportError: null });

const latestStatus = (_previous: EngineStatus | null, next: EngineStatus) => next;

/** Holds the engine status the main process pushes; every screen reads it from here. */
export function EngineStatusProvider({ children }: { children: ReactNode }) {
  const { state: status, error } = useStreamStore('engine.status', latestStatus, null as EngineStatus | null);
  const value = useMemo(() => ({ status, transportError: error?.toWire() ?? null }), [status, error]);
  return <EngineStatusContext.Provider value={value}>{children}</EngineStatusContext.Provider>;
}

export function useEngineStatus(): EngineStatusValue {
  return useContext(EngineStatusContext);
}

export interface EngineAvailability {
  /** True only while the Docker server answers: every action that talks to it waits for this. */
  available: boolean;
  /**
   * Spread onto a control that talks to the Docker server, after its own props: while the server
   * is unreachable it is disabled and its title says why; once it is back, nothing is added.
   */
  actionProps: { disabled?: true; title?: string };
}

/** Whether the Docker server can be asked anything now, and how an action says it cannot. */
export function useEngineAvailable(): EngineAvailability {
  const { t } = useTranslation();
  const { status, transportError } = useEngineStatus();
  const available = !transportError && status?.state === 'connected';
  const reason = t('engineUnavailable.actionTitle');
  return useMemo(
    () => ({ available, actionProps: available ? {} : { disabled: true, title: reason } }),
    [available, reason],
  );
}

/** "Check now" instead of waiting for the next automatic check, with whether one is under way. */
export function useRetryNow(): { retrying: boolean; retry: () => Promise<void> } {
  const client = useBerthClient();
  const [retrying, setRetrying] = useState(false);
  const retry = useCallback(async () => {
    setRetrying(true);
    try {
      await client.request('engine.retryNow', {});
    } finally {
      setRetrying(false);
    }
  }, [client]);
  return { retrying, retry };
}

/** Seconds left until `at`, ticking once a second (a display clock, not a poll of the engine). */
export function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  // A new deadline counts from now, not from the last tick: the clock stands still while `at` is null.
  const [countingTo, setCountingTo] = useState(at);
  if (countingTo !== at) {
    setCountingTo(at);
    setNow(() => Date.now());
  }
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
