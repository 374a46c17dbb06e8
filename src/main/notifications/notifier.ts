import type { TFunction } from 'i18next';
import type { EngineStatus } from '../../shared/engine';
import type { PullJob } from '../../shared/pulls';
import type { RunFlow } from '../../shared/run';
import type { NotificationKind, Settings } from '../../shared/settings';
import type { TrayAction } from '../../shared/tray';
import { problemText } from '../../shared/problemText';

/** One notification to show, in the user's language. */
export interface BerthNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  /** What a click on it opens (the same actions as the tray's). */
  action: TrayAction;
}

export interface NotifierSources {
  pulls: { onUpdate(listener: (job: PullJob) => void): () => void };
  /** Runs started from Berth, each followed from its start (RunService fits). */
  runs?: {
    onStarted(listener: (run: { runId: string }) => void): () => void;
    flow(runId: string): RunFlow | undefined;
    onFlow(runId: string, listener: (flow: RunFlow) => void): () => void;
  };
  monitor: { getStatus(): EngineStatus; onStatus(listener: (status: EngineStatus) => void): () => void };
  /** Which kinds the user wants; read at each event, so a settings change applies at once. */
  enabled: () => Settings['notifications'];
  translate: () => TFunction;
  notify: (notification: BerthNotification) => void;
  /**
   * How long the engine must stay away before "the engine stopped" is said (default 5 s): a dropped
   * connection that comes back at once (the computer woke up, a network blip) is not worth a notification.
   */
  engineStoppedGraceMs?: number;
}

export interface Notifier {
  dispose(): void;
}

/** How many finished pulls are remembered, so each is announced once. */
const MAX_REMEMBERED = 500;

/**
 * Turns what happens in the backend into notifications: a pull finished or failed, a container
 * started from Berth exited with an error, the engine stopped while Berth was connected to it (not
 * at start-up, and not when the user switched engines). Each kind can be turned off in the settings.
 */
export function createNotifier(sources: NotifierSources): Notifier {
  let disposed = false;
  const announcedPulls = new Set<string>();
  const watchedRuns = new Map<string, () => void>();

  const send = (notification: BerthNotification) => {
    if (disposed || !sources.enabled()[notification.kind]) return;
    try {
      sources.notify(notification);
    } catch {
      // Showing a notification is best effort.
    }
  };

  const remember = (id: string) => {
    announcedPulls.add(id);
    if (announcedPulls.size > MAX_REMEMBERED) {
      const oldest = announcedPulls.values().next().value;
      if (oldest !== undefined) announcedPulls.delete(oldest);
    }
  };

  const offPulls = sources.pulls.onUpdate((job) => {
    if (job.state !== 'done' && job.state !== 'failed') return;
    if (announcedPulls.has(job.id)) return;
    remember(job.id);
    const t = sources.translate();
    if (job.state === 'done') {
      send({
        kind: 'pullFinished',
        title: t('notify.pullFinished.title', { reference: job.reference }),
        body: t('notify.pullFinished.body'),
        action: { kind: 'open-section', section: 'images', param: null },
      });
    } else {
      send({
        kind: 'pullFailed',
        title: t('notify.pullFailed.title', { reference: job.reference }),
        body: t('notify.pullFailed.body', { problem: problemText(t, job.error).title }),
        action: { kind: 'open-section', section: 'images', param: null },
      });
    }
  });

  const graceMs = sources.engineStoppedGraceMs ?? 5000;
  let stoppedTimer: ReturnType<typeof setTimeout> | null = null;
  const cancelStopped = () => {
    if (stoppedTimer) clearTimeout(stoppedTimer);
    stoppedTimer = null;
  };
  const engineStopped = () => {
    stoppedTimer = null;
    if (sources.monitor.getStatus().state === 'connected') return;
    const t = sources.translate();
    send({
      kind: 'engineStopped',
      title: t('notify.engineStopped.title'),
      body: t('notify.engineStopped.body'),
      action: { kind: 'open-section', section: 'installation', param: null },
    });
  };

  let previous = sources.monitor.getStatus().state;
  const offStatus = sources.monitor.onStatus((status) => {
    // Only a drop straight from connected: a reconnect to another engine passes through "connecting".
    const stopped = previous === 'connected' && status.state === 'disconnected';
    previous = status.state;
    if (status.state === 'connected') cancelStopped();
    if (!stopped || stoppedTimer) return;
    if (graceMs <= 0) engineStopped();
    else stoppedTimer = setTimeout(engineStopped, graceMs);
  });

  const settle = (runId: string, flow: RunFlow): boolean => {
    const off = watchedRuns.get(runId);
    if (!off || (flow.state !== 'exited' && flow.state !== 'failed')) return false;
    off();
    watchedRuns.delete(runId);
    if (flow.state === 'exited' && flow.exitCode !== null && flow.exitCode !== 0) {
      const t = sources.translate();
      const name = flow.containerName ?? flow.image;
      send({
        kind: 'containerFailed',
        title: t('notify.containerFailed.title', { name, code: flow.exitCode }),
        body: t('notify.containerFailed.body'),
        action: flow.containerId
          ? { kind: 'open-logs', containerId: flow.containerId }
          : { kind: 'open-section', section: 'containers', param: null },
      });
    }
    return true;
  };

  /** Follows a run started from Berth: a notification when its container exits with a non-zero code. */
  const watchRun = (runId: string) => {
    const runs = sources.runs;
    if (disposed || !runs || watchedRuns.has(runId)) return;
    const now = runs.flow(runId);
    if (!now) return;
    watchedRuns.set(
      runId,
      runs.onFlow(runId, (flow) => settle(runId, flow)),
    );
    settle(runId, now);
  };
  const offRuns = sources.runs?.onStarted((run) => watchRun(run.runId)) ?? (() => undefined);

  return {
    dispose() {
      disposed = true;
      cancelStopped();
      offPulls();
      offStatus();
      offRuns();
      for (const off of watchedRuns.values()) off();
      watchedRuns.clear();
    },
  };
}
