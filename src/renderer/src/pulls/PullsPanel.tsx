import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { PullByNameForm } from './PullByNameForm';
import { PullJobView } from './PullJobView';
import { usePulls } from './pullsStore';

const PULLS_PANEL_ID = 'pulls-panel';

/** Where Escape means something else: a modal dialog, or a field outside the panel (a search box clears). */
function escapeBelongsElsewhere(event: KeyboardEvent, panel: HTMLElement | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement) || panel?.contains(target)) return false;
  return target.matches('input, textarea, select, [contenteditable="true"]');
}

/** The pulls in progress and done, over any screen; pulls go on when it is closed. */
export function PullsPanel() {
  const { t } = useTranslation();
  const { jobs, startPull, cancel, dismiss, panelOpen, setPanelOpen } = usePulls();
  const panelRef = useRef<HTMLElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!panelOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || escapeBelongsElsewhere(event, panelRef.current)) return;
      const hadFocus = panelRef.current?.contains(document.activeElement) ?? false;
      setPanelOpen(false);
      // Focus would fall to the page's start: give it to the button that opens the panel again.
      if (hadFocus) document.querySelector<HTMLElement>('[data-testid=pulls-button]')?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [panelOpen, setPanelOpen]);

  if (!panelOpen) return null;
  return (
    <aside
      ref={panelRef}
      id={PULLS_PANEL_ID}
      aria-labelledby={titleId}
      data-testid="pulls-panel"
      className="fixed right-4 bottom-12 z-20 flex max-h-[70vh] w-[26rem] flex-col rounded-xl border border-slate-200 bg-white shadow-2xl dark:border-slate-700 dark:bg-slate-900"
    >
      <header className="flex items-center border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h2 id={titleId} className="flex-1 text-sm font-semibold">
          {t('pulls.panelTitle')}
        </h2>
        <Button
          variant="ghost"
          className="!px-2 !py-0.5"
          onClick={() => setPanelOpen(false)}
          aria-label={t('pulls.close')}
          title={t('pulls.close')}
          data-testid="pulls-close"
        >
          ✕
        </Button>
      </header>
      <div className="space-y-4 overflow-y-auto p-4">
        <PullByNameForm testId="pulls-panel-pull-by-name" />
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="pulls-empty">
            {t('pulls.empty')}
          </p>
        ) : (
          jobs.map((job) => (
            <PullJobView
              key={job.id}
              job={job}
              onCancel={() => void cancel(job.id)}
              onDismiss={() => void dismiss(job.id)}
              // The new pull takes the failed one's place in the list.
              onRetry={() => void startPull(job.reference).then(() => dismiss(job.id))}
            />
          ))
        )}
      </div>
    </aside>
  );
}

/** The status bar's button for the panel, with the number of pulls running. */
export function PullsButton() {
  const { t } = useTranslation();
  const { jobs, panelOpen, setPanelOpen } = usePulls();
  const active = jobs.filter((job) => job.state === 'pulling').length;
  return (
    <button
      type="button"
      data-testid="pulls-button"
      aria-expanded={panelOpen}
      aria-controls={panelOpen ? PULLS_PANEL_ID : undefined}
      onClick={() => setPanelOpen(!panelOpen)}
      className="shrink-0 rounded px-2 py-0.5 font-medium whitespace-nowrap text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-slate-800"
    >
      {active > 0 ? t('pulls.active', { count: active }) : t('pulls.title')}
    </button>
  );
}
