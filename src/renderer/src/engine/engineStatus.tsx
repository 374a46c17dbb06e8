import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { EngineStatus } from '../../../shared/engine';
import type { WireError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';

interface EngineStatusValue {
  /** Null until the main process sent the first status. */
  status: EngineStatus | null;
  /** Set when the stream to the main process itself broke. */
  transportError: WireError | null;
}

const EngineStatusContext = createContext<EngineStatusValue>({ status: null, transportError: null });

/** Holds the engine status the main process pushes; every screen reads it from here. */
export function EngineStatusProvider({ children }: { children: ReactNode }) {
  const client = useBerthClient();
  const [value, setValue] = useState<EngineStatusValue>({ status: null, transportError: null });
  useEffect(
    () =>
      client.subscribe(
        'engine.status',
        {},
        (status) => setValue({ status, transportError: null }),
        (error) => setValue((previous) => ({ ...previous, transportError: error.toWire() })),
      ),
    [client],
  );
  return <EngineStatusContext.Provider value={value}>{children}</EngineStatusContext.Provider>;
}

export function useEngineStatus(): EngineStatusValue {
  return useContext(EngineStatusContext);
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
