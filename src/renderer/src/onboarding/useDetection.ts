import { useEffect, useState } from 'react';
import type { DetectionReport } from '../../../shared/onboarding';
import { useBerthClient } from '../app/clientContext';
import { useEngineStatus } from '../engine/engineStatus';

/**
 * The wizard's checklist, checked again with backoff (1 s up to 10 s) while a step needs it: the
 * installer or Docker Desktop may finish at any moment, and the wizard moves on by itself. It also
 * checks at once whenever the engine's pushed status changes.
 */
export function useDetection(active: boolean) {
  const client = useBerthClient();
  const { status } = useEngineStatus();
  const [report, setReport] = useState<DetectionReport | null>(null);
  const [nextAt, setNextAt] = useState<number | null>(null);
  const engineState = status?.state;

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = 1000;
    const run = async () => {
      try {
        const next = await client.request('onboarding.detect', {});
        if (stopped) return;
        setReport(next);
        if (next.next === 'ready') return;
      } catch {
        // A failed check is retried like a negative one.
      }
      if (stopped) return;
      setNextAt(Date.now() + delay);
      timer = setTimeout(() => void run(), delay);
      delay = Math.min(10_000, delay * 2);
    };
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [client, active, engineState]);

  return { report, nextAt };
}
