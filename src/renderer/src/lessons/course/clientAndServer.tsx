import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionOutputResult } from '../../../../shared/lessons';
import { useBerthClient } from '../../app/clientContext';
import { useNavigate } from '../../app/navigation';
import { useEngineStatus } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { Button } from '../../ui/Button';
import { inputClass } from '../../ui/Field';
import { CheckIcon } from '../../ui/icons';
import { InlineCode } from '../../ui/InlineCode';
import { Spinner } from '../../ui/Spinner';
import { useAction } from '../../ui/useAction';
import type { LessonExtras, LessonIntroProps, LessonStepActionProps } from '../lessonExtras';

const boxClass = 'flex-1 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900';

/**
 * The two halves live: the client (the docker command, Berth) sends its requests over the socket
 * the Docker server answers on, with the server's version as the engine status reports it now.
 */
function Intro({ lesson }: LessonIntroProps) {
  const { t } = useTranslation();
  const { status } = useEngineStatus();
  const server = status?.state === 'connected' ? status.server : null;
  const endpoint = status?.endpoint?.url ?? lesson.facts.endpoint;
  return (
    <div className="space-y-3">
      <section aria-labelledby="client-and-server-live" data-testid="client-and-server-live">
        <h2 id="client-and-server-live" className="text-sm font-semibold">
          {t('course.clientAndServer.live.title')}
        </h2>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-stretch">
          <div className={boxClass}>
            <h3 className="text-sm font-medium">{t('course.clientAndServer.live.client.title')}</h3>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {t('course.clientAndServer.live.client.body')}
            </p>
          </div>
          <div className="flex items-center justify-center px-1 text-xs text-slate-500 dark:text-slate-400">
            <span className="text-center">
              <span aria-hidden="true" className="block text-lg">
                →
              </span>
              {endpoint && <span className="font-mono">{t('course.clientAndServer.live.socket', { endpoint })}</span>}
            </span>
          </div>
          <div className={boxClass} data-testid="live-server">
            <h3 className="text-sm font-medium">{t('course.clientAndServer.live.server.title')}</h3>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {server
                ? t('course.clientAndServer.live.server.body', {
                    product: lesson.facts.product ?? server.version,
                    serverVersion: server.version,
                    apiVersion: server.apiVersion,
                  })
                : t('course.clientAndServer.live.server.down')}
            </p>
          </div>
        </div>
      </section>
      <p className="text-sm leading-6">
        <InlineCode text={t('course.clientAndServer.honest')} />
      </p>
    </div>
  );
}

/** Why pasted output did not match, in the user's words, with the versions it names. */
function reasonText(t: ReturnType<typeof useTranslation>['t'], result: VersionOutputResult, live: string | null) {
  const reason = result.reason ?? 'no-client';
  return t(`course.clientAndServer.paste.reasons.${reason}`, { server: result.server ?? '', live: live ?? '' });
}

/** Both ways Berth can see this step: the installation check opened, or the terminal's output pasted. */
function CheckVersions(_props: LessonStepActionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useBerthClient();
  const { status } = useEngineStatus();
  const id = useId();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [result, setResult] = useState<VersionOutputResult | null>(null);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (text.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    void action.run(async () => {
      setResult(await client.request('lessons.checkVersionOutput', { text }));
    });
  };

  const live = status?.server?.version ?? null;
  const problem = empty
    ? t('course.clientAndServer.paste.reasons.empty')
    : result && !result.matches
      ? reasonText(t, result, live)
      : null;

  return (
    <div className="space-y-3">
      <Button variant="primary" onClick={() => navigate('installation')} data-testid="lesson-action-versions">
        {t('course.clientAndServer.steps.versions.action')}
      </Button>
      <form onSubmit={submit} className="space-y-2" data-testid="version-paste">
        <label htmlFor={id} className="block text-sm font-medium">
          <InlineCode text={t('course.clientAndServer.paste.label')} />
        </label>
        <textarea
          id={id}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setEmpty(false);
            setResult(null);
          }}
          rows={6}
          spellCheck={false}
          aria-invalid={Boolean(problem)}
          aria-describedby={`${id}-result`}
          className={`${inputClass} font-mono text-xs`}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={action.busy} data-testid="version-paste-check">
            {action.busy && <Spinner />}
            {action.busy ? t('course.clientAndServer.paste.checking') : t('course.clientAndServer.paste.check')}
          </Button>
        </div>
        <div id={`${id}-result`} aria-live="polite">
          {problem && (
            <p className="text-sm text-rose-700 dark:text-rose-300" role="alert" data-testid="version-paste-problem">
              <InlineCode text={problem} />
            </p>
          )}
          {result?.matches && (
            <p
              className="flex items-center gap-2 text-sm text-emerald-700 dark:text-emerald-400"
              data-testid="version-paste-matched"
            >
              <CheckIcon className="h-4 w-4 shrink-0" />
              {t('course.clientAndServer.paste.matched', { server: result.server ?? '' })}
            </p>
          )}
        </div>
      </form>
      {action.failure && (
        <ProblemCard problem={action.failure.toWire()} heading={t('course.clientAndServer.paste.failed')} />
      )}
    </div>
  );
}

export const clientAndServerExtras: LessonExtras = { Intro, steps: { versions: CheckVersions } };
