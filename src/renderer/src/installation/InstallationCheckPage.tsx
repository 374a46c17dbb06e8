import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENGINE_PRODUCT_NAMES, type InstallationReport } from '../../../shared/engine';
import { BerthError, toBerthError } from '../../../shared/errors';
import { formatVersionReport } from '../../../shared/versionReport';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useEngineStatus, useSecondsUntil } from '../engine/engineStatus';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { CheckIcon } from '../ui/icons';
import { InlineCode } from '../ui/InlineCode';
import { clientRows, componentRows, serverRows } from './versionRows';
import { VersionTable } from './VersionTable';

type CopyState = 'idle' | 'copied' | 'failed';

/** The app's `docker version`: client and server side by side, each failure with its next step. */
export function InstallationCheckPage() {
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const { status } = useEngineStatus();
  const [report, setReport] = useState<InstallationReport | null>(null);
  const [checking, setChecking] = useState(true);
  const [checkRun, setCheckRun] = useState(0);
  const [checkError, setCheckError] = useState<BerthError | null>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const secondsLeft = useSecondsUntil(status?.retry?.nextAt ?? null);

  useEffect(() => {
    let current = true;
    client.request('installation.check', {}).then(
      (next) => {
        if (!current) return;
        setReport(next);
        setCheckError(null);
        setChecking(false);
      },
      (error: unknown) => {
        if (!current) return;
        setCheckError(toBerthError(error));
        setChecking(false);
      },
    );
    return () => {
      current = false;
    };
  }, [client, checkRun]);

  const check = () => {
    setChecking(true);
    setCheckRun((run) => run + 1);
  };

  // The server half is live: it follows the pushed engine status, so it turns connected by itself.
  const engine = status ?? report?.engine ?? null;
  const reportText = report && engine ? formatVersionReport(report.client, engine) : '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reportText);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
    setTimeout(() => setCopyState('idle'), 2500);
  };

  const server = engine?.state === 'connected' ? engine.server : null;

  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="installation-page">
      <header className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold">{t('installation.title')}</h1>
          <p className="mt-1 max-w-2xl text-sm leading-6 text-slate-600 dark:text-slate-400">
            <InlineCode text={t('installation.intro')} />
          </p>
        </div>
        <div className="flex gap-2">
          <Button onClick={check} disabled={checking} data-testid="check-again">
            {checking ? t('installation.checking') : t('installation.checkAgain')}
          </Button>
          <Button onClick={copy} disabled={!reportText} data-testid="copy-report">
            {copyState === 'copied' ? t('installation.copied') : t('installation.copy')}
          </Button>
        </div>
      </header>
      {copyState === 'failed' && <p className="mt-2 text-sm text-rose-600">{t('installation.copyFailed')}</p>}

      <div className="mt-5 space-y-3">
        {checkError && <ProblemCard problem={checkError.toWire()} />}
        {server ? (
          <section
            data-testid="ready"
            className="flex items-start gap-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-emerald-950 dark:border-emerald-700/60 dark:bg-emerald-950/40 dark:text-emerald-100"
          >
            <CheckIcon className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
            <div className="flex-1">
              <h2 className="font-semibold">
                {t('installation.ready.title', { product: ENGINE_PRODUCT_NAMES[server.product.id] })}
              </h2>
              <p className="mt-1 text-sm">{t('installation.ready.body')}</p>
              {server.family === 'podman' && (
                <p className="mt-2 text-sm" data-testid="podman-note">
                  {t('installation.ready.podman')}
                </p>
              )}
            </div>
            <Button variant="primary" onClick={() => navigate('hub')}>
              {t('installation.ready.action')}
            </Button>
          </section>
        ) : (
          engine?.problem && (
            <ProblemCard problem={engine.problem} searched={engine.searched}>
              <p className="mt-3 text-sm font-medium" data-testid="waiting">
                {t('installation.waiting')}{' '}
                {secondsLeft !== null && `(${t('engine.retryIn', { seconds: secondsLeft })})`}
              </p>
              <p className="mt-3 flex flex-wrap items-center gap-3 text-sm">
                {t('onboarding.banner')}
                <Button onClick={() => navigate('onboarding')} data-testid="open-onboarding">
                  {t('onboarding.open')}
                </Button>
              </p>
            </ProblemCard>
          )
        )}
      </div>

      <div className="mt-5 grid gap-4 md:grid-cols-2">
        <section
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          data-testid="client-card"
        >
          <h2 className="font-semibold">
            {t('installation.client.title')}{' '}
            <span className="text-sm font-normal text-slate-500">· {t('installation.client.subtitle')}</span>
          </h2>
          <div className="mt-3">
            {!report ? (
              <p className="text-sm text-slate-500">{t('installation.checking')}</p>
            ) : report.client.found ? (
              <VersionTable rows={clientRows(t, report.client.client, i18n.language)} />
            ) : (
              <ProblemCard problem={report.client.problem} searched={report.client.searched} />
            )}
          </div>
        </section>
        <section
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          data-testid="server-card"
        >
          <h2 className="font-semibold">
            {t('installation.server.title')}{' '}
            <span className="text-sm font-normal text-slate-500">
              ·{' '}
              {engine?.server?.family === 'podman'
                ? t('installation.server.subtitlePodman')
                : t('installation.server.subtitle')}
            </span>
          </h2>
          <div className="mt-3">
            {engine?.server ? (
              <>
                <VersionTable rows={serverRows(t, engine.server, engine.endpoint?.url ?? null, i18n.language)} />
                {engine.server.components.length > 0 && (
                  <>
                    <h3 className="mt-4 mb-2 text-sm font-medium">{t('installation.server.components')}</h3>
                    <VersionTable rows={componentRows(engine.server.components)} />
                  </>
                )}
              </>
            ) : (
              <p className="text-sm text-slate-500" data-testid="server-not-connected">
                {engine?.state === 'connecting' || !engine
                  ? t('engine.state.connecting')
                  : t('installation.server.notConnected')}
              </p>
            )}
          </div>
        </section>
      </div>

      {reportText && (
        <details className="mt-5">
          <summary className="cursor-pointer text-sm text-slate-600 dark:text-slate-400">
            {t('installation.report')}
          </summary>
          <pre
            data-testid="report-text"
            className="mt-2 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs leading-5 text-slate-100 select-text"
          >
            {reportText}
          </pre>
        </details>
      )}
    </div>
  );
}
