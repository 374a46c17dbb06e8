import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError, toBerthError } from '../../../shared/errors';
import { lessonIds, type LessonId } from '../../../shared/lessons';
import { onboardingSteps, type OnboardingStep } from '../../../shared/onboarding';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useSecondsUntil } from '../engine/engineStatus';
import { ProblemCard } from '../engine/ProblemCard';
import { InstallationCheckPage } from '../installation/InstallationCheckPage';
import { RunFlowPage } from '../run/RunFlowPage';
import { guideAgainText, guidePulledText } from '../run/sourceText';
import { useStreamValue } from '../app/useStream';
import { useSettings } from '../settings/settingsStore';
import { Button } from '../ui/Button';
import { InlineCode } from '../ui/InlineCode';
import { Checklist, Command, ConceptCard, InstallGuide, StepFrame, useElapsedSeconds } from './steps';
import { useDetection } from './useDetection';

/** Each concept card is the door to the lesson whose first step it is. */
const conceptLessons: ReadonlyArray<{ concept: 'why' | 'image' | 'daemon' | 'hub'; lesson: LessonId }> = [
  { concept: 'why', lesson: 'whyDocker' },
  { concept: 'image', lesson: 'imageAndContainer' },
  { concept: 'daemon', lesson: 'clientAndServer' },
  { concept: 'hub', lesson: 'helloWorld' },
];

/** Steps that watch the computer until Docker is installed and answering. */
const watching: OnboardingStep[] = ['detect', 'install', 'start'];
/** How long Docker Desktop may take to start before Berth gives advice. */
const START_PATIENCE_S = 180;

/**
 * The first-run wizard: from "Docker is not installed" to the hello-world greeting, finding out by
 * itself when each step is done. Progress is saved, so it resumes where the user left it.
 */
export function OnboardingPage() {
  const { state } = useSettings();
  // Resume where the user left off: wait for the saved step before the first render.
  if (!state) return null;
  return <Wizard initialStep={state.settings.onboarding.step} />;
}

function Wizard({ initialStep }: { initialStep: OnboardingStep }) {
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const { update } = useSettings();
  const [step, setStep] = useState<OnboardingStep>(initialStep);
  const { report, nextAt } = useDetection(watching.includes(step));
  const retryIn = useSecondsUntil(nextAt);
  const [runId, setRunId] = useState<string | null>(null);
  const [runError, setRunError] = useState<BerthError | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [startProblem, setStartProblem] = useState<BerthError | null>(null);
  const elapsed = useElapsedSeconds(startedAt);
  const { value: flow } = useStreamValue('run.flow', { runId: runId ?? 'none' }, runId !== null);
  const go = (next: OnboardingStep) => {
    setStep(next);
    void update({ onboarding: { step: next } }).catch(() => undefined);
  };

  // The watching steps move on by themselves when the computer's state says so.
  useEffect(() => {
    if (!report || !watching.includes(step)) return;
    const target: OnboardingStep = report.next === 'ready' ? 'verify' : report.next === 'install' ? 'install' : 'start';
    if (target === step) return;
    const timer = setTimeout(() => go(target), step === 'detect' ? 1200 : 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- go is stable enough: it only sets state and saves
  }, [report, step]);

  const finish = (then: () => void) => {
    void update({ onboarding: { step: 'done', finished: true } }).catch(() => undefined);
    then();
  };

  const runHelloWorld = async () => {
    setRunError(null);
    try {
      const started = await client.request('run.start', { image: 'hello-world' });
      setRunId(started.runId);
    } catch (error) {
      setRunError(toBerthError(error));
    }
  };

  const startEngine = async () => {
    setStartProblem(null);
    setStartedAt(Date.now());
    try {
      const result = await client.request('onboarding.startEngine', {});
      if (result.problem) setStartProblem(BerthError.fromWire(result.problem));
    } catch (error) {
      setStartProblem(toBerthError(error));
    }
  };

  const index = onboardingSteps.indexOf(step);
  const previous = index > 0 ? onboardingSteps[index - 1] : undefined;

  let content;
  let nextStep: OnboardingStep | null = null;
  switch (step) {
    case 'welcome':
      content = (
        <StepFrame title={t('onboarding.welcome.title')} body={t('onboarding.welcome.body')}>
          <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400">{t('onboarding.welcome.why')}</p>
          <p className="pt-2 font-medium" id="onboarding-language-label">
            {t('onboarding.welcome.language')}
          </p>
          <div className="flex gap-2" role="group" aria-labelledby="onboarding-language-label">
            {(['ko', 'en'] as const).map((language) => (
              <Button
                key={language}
                variant={i18n.language === language ? 'primary' : 'secondary'}
                aria-pressed={i18n.language === language}
                onClick={() => void update({ language })}
                data-testid={`onboarding-language-${language}`}
              >
                {t(`settings.language.${language}`)}
              </Button>
            ))}
          </div>
        </StepFrame>
      );
      nextStep = 'detect';
      break;
    case 'detect':
      content = (
        <StepFrame title={t('onboarding.detect.title')} body={t('onboarding.detect.body')}>
          <Checklist report={report} />
        </StepFrame>
      );
      break;
    case 'install':
      content = (
        <StepFrame title={t('onboarding.install.title')} body={t('onboarding.install.body')}>
          {report && <InstallGuide report={report} />}
          <Checklist report={report} />
          {retryIn !== null && (
            <p className="text-sm text-slate-500" data-testid="onboarding-waiting">
              {t('onboarding.install.waiting', { seconds: retryIn })}
            </p>
          )}
        </StepFrame>
      );
      break;
    case 'start':
      content = (
        <StepFrame
          title={t('onboarding.start.title')}
          body={report?.next === 'permission' ? undefined : t('onboarding.start.body')}
        >
          {report?.next === 'permission' ? (
            <>
              <p>{t('onboarding.start.permission')}</p>
              <Command text="sudo usermod -aG docker $USER" />
            </>
          ) : report?.canStart === 'docker-desktop' ? (
            <>
              <Button
                variant="primary"
                onClick={() => void startEngine()}
                disabled={startedAt !== null && elapsed < START_PATIENCE_S}
                data-testid="onboarding-start-desktop"
              >
                {t('onboarding.start.desktopButton')}
              </Button>
              {startedAt !== null && (
                <p className="text-sm">
                  {elapsed < START_PATIENCE_S
                    ? t('onboarding.start.starting', { seconds: elapsed })
                    : t('onboarding.start.slow')}
                </p>
              )}
            </>
          ) : report?.platform === 'linux' ? (
            <>
              <p>{t('onboarding.start.linux')}</p>
              <Command text="sudo systemctl start docker" />
            </>
          ) : (
            <p>{t('onboarding.start.other')}</p>
          )}
          {startProblem && <ProblemCard problem={startProblem.toWire()} />}
          {report?.problem && <ProblemCard problem={report.problem} />}
          <Checklist report={report} />
        </StepFrame>
      );
      break;
    case 'verify':
      content = (
        <StepFrame title={t('onboarding.verify.title')}>
          <p className="max-w-2xl">
            <InlineCode text={t('onboarding.verify.body')} />
          </p>
          <div className="-mx-6 rounded-lg border border-slate-200 dark:border-slate-800">
            <InstallationCheckPage />
          </div>
        </StepFrame>
      );
      nextStep = 'first-container';
      break;
    case 'first-container':
      content = (
        <StepFrame title={t('onboarding.first.title')} body={t('onboarding.first.body')}>
          {!runId && (
            <Button variant="primary" onClick={() => void runHelloWorld()} data-testid="onboarding-run-hello">
              {t('onboarding.first.run')}
            </Button>
          )}
          {runError && <ProblemCard problem={runError.toWire()} />}
          {runId && (
            <div className="-mx-6">
              <RunFlowPage
                key={runId}
                runId={runId}
                onRunAgain={(next) => setRunId(next)}
                offerContainersLink={false}
              />
            </div>
          )}
          {flow?.state === 'exited' && flow.exitCode === 0 && (
            <section
              className="rounded-lg border border-sky-200 bg-sky-50 p-4 dark:border-sky-900 dark:bg-sky-950/40"
              data-testid="onboarding-explain"
            >
              <h2 className="font-semibold">{t('onboarding.first.explainTitle')}</h2>
              <ol className="mt-2 list-inside list-decimal space-y-1 text-sm leading-6">
                <li>{t('onboarding.first.explain.one')}</li>
                <li>
                  {flow.cacheHit ? t('run.flow.steps.cache.hit', { image: flow.image }) : guidePulledText(t, flow)}
                </li>
                <li>{t('onboarding.first.explain.three')}</li>
                <li>{t('onboarding.first.explain.four')}</li>
              </ol>
              {!flow.cacheHit && <p className="mt-2 text-sm font-medium">{guideAgainText(t, flow)}</p>}
            </section>
          )}
        </StepFrame>
      );
      nextStep = 'concepts';
      break;
    case 'concepts':
      content = (
        <StepFrame title={t('onboarding.concepts.title')} body={t('onboarding.concepts.course')}>
          <div className="grid gap-3 md:grid-cols-2">
            {conceptLessons.map(({ concept, lesson }) => (
              <ConceptCard
                key={concept}
                title={t(`onboarding.concepts.${concept}.title`)}
                body={t(`onboarding.concepts.${concept}.body`)}
                link={t('onboarding.concepts.lesson', {
                  index: lessonIds.indexOf(lesson) + 1,
                  title: t(`course.${lesson}.title`),
                })}
                onOpen={() => finish(() => navigate('lessons', lesson))}
              />
            ))}
          </div>
          <Button
            variant="primary"
            onClick={() => finish(() => navigate('lessons'))}
            data-testid="onboarding-start-course"
          >
            {t('onboarding.concepts.startCourse')}
          </Button>
        </StepFrame>
      );
      nextStep = 'done';
      break;
    case 'done':
      content = (
        <StepFrame title={t('onboarding.done.title')} body={t('onboarding.done.body')}>
          <p>{t('onboarding.done.next')}</p>
          <div className="flex gap-2">
            <Button
              variant="primary"
              onClick={() => finish(() => navigate('hub', null, 'redis'))}
              data-testid="onboarding-try-redis"
            >
              {t('onboarding.done.tryRedis')}
            </Button>
            <Button
              // The hello-world container has stopped: the list shows it anyway.
              onClick={() => finish(() => navigate('containers', null, { show: flow?.containerId }))}
              data-testid="onboarding-dashboard"
            >
              {t('onboarding.done.dashboard')}
            </Button>
          </div>
        </StepFrame>
      );
      break;
  }

  return (
    <div className="mx-auto flex min-h-full max-w-4xl flex-col p-6" data-testid="onboarding" data-step={step}>
      <header className="mb-6 flex items-center gap-3 text-sm">
        <ol
          className="flex flex-1 flex-wrap gap-1"
          aria-label={t('onboarding.stepOf', { index: index + 1, count: onboardingSteps.length })}
        >
          {onboardingSteps.map((name, position) => (
            <li
              key={name}
              aria-current={name === step ? 'step' : undefined}
              className={`rounded-full px-2 py-0.5 text-xs ${name === step ? 'bg-sky-700 text-white' : position < index ? 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}
            >
              {t(`onboarding.steps.${name}`)}
            </li>
          ))}
        </ol>
        <Button variant="ghost" onClick={() => finish(() => navigate('containers'))} data-testid="onboarding-skip">
          {t('onboarding.skip')}
        </Button>
      </header>
      <div className="flex-1">{content}</div>
      <footer className="mt-8 flex items-center justify-between">
        {previous ? (
          <Button
            onClick={() => go(previous === 'install' || previous === 'start' ? 'detect' : previous)}
            data-testid="onboarding-back"
          >
            {t('onboarding.back')}
          </Button>
        ) : (
          <span />
        )}
        {nextStep && (
          <Button variant="primary" onClick={() => go(nextStep)} data-testid="onboarding-next">
            {t('onboarding.next')}
          </Button>
        )}
      </footer>
    </div>
  );
}
