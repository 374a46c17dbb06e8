import { useTranslation } from 'react-i18next';
import { useNavigate } from '../app/navigation';
import { Button } from '../ui/Button';
import { useEngineAvailable, useEngineStatus, useRetryNow, useSecondsUntil } from './engineStatus';
import { ProblemCard } from './ProblemCard';

/**
 * The one "Docker server unreachable" state every screen that needs the server shows: that Berth
 * cannot reach it, why (the problem's own text), what this screen cannot do meanwhile, and what to
 * do (check again now, or open the installation check). Nothing while the server answers.
 */
export function EngineUnavailable({
  consequence,
  offerCheck = true,
  className = '',
}: {
  /** What this screen cannot do until the server is back, in one or two sentences. */
  consequence: string;
  /** Offers the installation check; left out where leaving the screen makes no sense (a dialog). */
  offerCheck?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const { available } = useEngineAvailable();
  const { status, transportError } = useEngineStatus();
  const { retrying, retry } = useRetryNow();
  const secondsLeft = useSecondsUntil(status?.retry?.nextAt ?? null);
  if (available) return null;

  const problem = transportError ?? status?.problem ?? null;
  if (!problem) {
    // The first status has not come yet, or a switch is under way: not a failure, just a moment.
    return (
      <p
        role="status"
        data-testid="engine-unavailable"
        data-state="connecting"
        className={`text-sm text-slate-600 dark:text-slate-400 ${className}`}
      >
        {t('engine.state.connecting')}
      </p>
    );
  }
  return (
    <div className={className} data-testid="engine-unavailable" data-state="unavailable">
      <ProblemCard problem={problem} searched={status?.searched} heading={t('engineUnavailable.title')}>
        <p className="mt-3 text-sm leading-6" data-testid="engine-unavailable-consequence">
          {consequence}
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button
            variant="primary"
            onClick={() => void retry()}
            disabled={retrying}
            data-testid="engine-unavailable-retry"
          >
            {t('engine.retry')}
          </Button>
          {offerCheck && <CheckInstallationButton />}
          <span className="text-xs" aria-live="off">
            {retrying ? t('engine.retrying') : secondsLeft !== null && t('engine.retryIn', { seconds: secondsLeft })}
          </span>
        </div>
      </ProblemCard>
    </div>
  );
}

/** Its own component so a dialog that offers no check needs no navigation. */
function CheckInstallationButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button onClick={() => navigate('installation')} data-testid="engine-unavailable-check">
      {t('engineUnavailable.check')}
    </Button>
  );
}
