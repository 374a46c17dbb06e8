import { useEffect, useState } from 'react';

/**
 * The time now, ticking every second while `active` (a running build or step), still otherwise. Its
 * first tick comes a second after it starts: a time shown from it is clamped at 0 until then.
 */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
