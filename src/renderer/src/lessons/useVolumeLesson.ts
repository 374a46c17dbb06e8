import { useCallback, useEffect, useRef, useState } from 'react';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { VOLUME_LESSON, type VolumeLessonState, type VolumeLessonStep } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { useContainers } from '../containers/containersStore';

export interface VolumeLesson {
  /** Null until the first answer. */
  state: VolumeLessonState | null;
  /** Reading the state failed (the last failure; cleared by the next answer). */
  loadError: BerthError | null;
  /** The step under way, if any. */
  busy: VolumeLessonStep | null;
  /** The step that failed last, with why. */
  failure: { step: VolumeLessonStep; error: BerthError } | null;
  run(step: VolumeLessonStep): Promise<void>;
  /** Starts over; throws what the main process refused, for the dialog to show. */
  reset(): Promise<void>;
}

/**
 * The lesson's state as the main process reads it from the Docker server, asked again after each
 * step and whenever one of the lesson's containers changes (say, removed in a terminal).
 */
export function useVolumeLesson(enabled: boolean): VolumeLesson {
  const client = useBerthClient();
  const [state, setState] = useState<VolumeLessonState | null>(null);
  const [loadError, setLoadError] = useState<BerthError | null>(null);
  const [busy, setBusy] = useState<VolumeLessonStep | null>(null);
  const [failure, setFailure] = useState<VolumeLesson['failure']>(null);
  const busyRef = useRef(false);

  const load = useCallback(async () => {
    try {
      setState(await client.request('volumeLesson.state', {}));
      setLoadError(null);
    } catch (error) {
      setLoadError(toBerthError(error));
    }
  }, [client]);

  // The lesson's containers as the live list has them: a change there is a change of the lesson.
  const { containers } = useContainers();
  const lessonNames: readonly string[] = [VOLUME_LESSON.first, VOLUME_LESSON.second];
  const signature = (containers ?? [])
    .filter((container) => lessonNames.includes(container.name))
    .map((container) => `${container.id}:${container.state}`)
    .sort()
    .join(',');
  useEffect(() => {
    if (enabled && !busyRef.current) void load();
  }, [enabled, load, signature]);

  const run = useCallback(
    async (step: VolumeLessonStep) => {
      busyRef.current = true;
      setBusy(step);
      setFailure(null);
      try {
        setState(await client.request('volumeLesson.step', { step }));
      } catch (error) {
        setFailure({ step, error: toBerthError(error) });
        await load();
      } finally {
        busyRef.current = false;
        setBusy(null);
      }
    },
    [client, load],
  );

  const reset = useCallback(async () => {
    setFailure(null);
    setState(await client.request('volumeLesson.reset', { confirm: VOLUME_LESSON.volume }));
  }, [client]);

  return { state, loadError, busy, failure, run, reset };
}
