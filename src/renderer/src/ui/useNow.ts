import { useEffect, useState } from 'react';

/**
 * The time now, ticking every `intervalMs` while `active` (a running build, a relative time on
 * screen), still otherwise: a display clock, never a poll of the engine. Its first tick comes one
 * interval after it starts: a time shown from it is clamped at 0 until then.
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
