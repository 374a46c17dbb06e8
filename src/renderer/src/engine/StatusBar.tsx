import { useTranslation } from 'react-i18next';
import { engineProductLabel } from '../../../shared/engine';
import { ReclaimableHint } from '../disk/ReclaimableHint';
import { PullsButton } from '../pulls/PullsPanel';
import { EngineSwitcher } from './EngineSwitcher';
import { useEngineStatus, useRetryNow, useSecondsUntil } from './engineStatus';

const dotColour = {
  connecting: 'bg-amber-400 animate-pulse',
  connected: 'bg-emerald-500',
  disconnected: 'bg-rose-500',
} as const;

/** The engine state, on every screen. */
export function StatusBar() {
  const { t } = useTranslation();
  const { status, transportError } = useEngineStatus();
  const { retrying, retry } = useRetryNow();
  const secondsLeft = useSecondsUntil(status?.retry?.nextAt ?? null);
  const state = status?.state ?? 'connecting';
  const via =
    status?.endpoint &&
    t('engine.via', {
      source: status.endpoint.contextName
        ? `${t(`engine.source.${status.endpoint.source}`)} ${status.endpoint.contextName}`
        : t(`engine.source.${status.endpoint.source}`),
    });

  if (transportError) {
    return (
      <footer className="border-t border-rose-300 bg-rose-50 px-4 py-1.5 text-xs text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
        <span role="status">{t('transport.closed')}</span>
      </footer>
    );
  }

  return (
    <footer
      data-testid="status-bar"
      data-state={state}
      // One line at any width: the state, the countdown and the pulls button keep their room; the
      // product, the address and where it came from shorten, with the whole text in a tooltip.
      className="flex items-center gap-3 border-t border-slate-200 bg-white px-4 py-1.5 text-xs whitespace-nowrap text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400"
    >
      <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${dotColour[state]}`} aria-hidden="true" />
      <span
        role="status"
        className="shrink-0 font-medium text-slate-800 dark:text-slate-200"
        data-testid="engine-state"
      >
        {t(`engine.state.${state}`)}
      </span>
      {status?.server && (
        <span className="min-w-0 truncate" title={engineProductLabel(status.server)} data-testid="engine-product">
          {engineProductLabel(status.server)}
        </span>
      )}
      {/* One switcher in one place: it must not remount (and drop focus or an open panel) when the
          engine's address becomes known. */}
      <span className="flex min-w-0 items-center">
        <EngineSwitcher label={status?.endpoint ? status.endpoint.url : t('engineSwitcher.label')} />
        {status?.endpoint && (
          <span className="ml-1 truncate" title={via ?? undefined}>
            ({via})
          </span>
        )}
      </span>
      {status?.followedContext && (
        <span
          className="min-w-0 truncate"
          title={t('engine.followedContext', { name: status.followedContext })}
          data-testid="followed-context"
        >
          {t('engine.followedContext', { name: status.followedContext })}
        </span>
      )}
      <span className="ml-auto" />
      {state === 'disconnected' && (
        <span className="flex shrink-0 items-center gap-2">
          {retrying ? t('engine.retrying') : secondsLeft !== null && t('engine.retryIn', { seconds: secondsLeft })}
          <button
            type="button"
            className="rounded px-2 py-0.5 font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-slate-800"
            onClick={() => void retry()}
            disabled={retrying}
          >
            {t('engine.retry')}
          </button>
        </span>
      )}
      {state === 'connected' && <ReclaimableHint />}
      <PullsButton />
    </footer>
  );
}
