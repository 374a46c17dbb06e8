import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeAction, ComposeDocument, ComposeDownPlan, ComposeRunInput } from '../../../shared/compose';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useStreamValue } from '../app/useStream';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { useAction } from '../ui/useAction';
import { TabList } from '../ui/TabList';
import { ViewLoading } from '../ui/ViewLoading';
import { ComposeDownDialog } from './ComposeDownDialog';
import { ComposeFileTab } from './ComposeFileTab';
import { ComposeJobPanel } from './ComposeJobPanel';
import { ComposeLogsTab } from './ComposeLogsTab';
import { useCompose } from './composeStore';
import { composeProblemText, composeTargetOf, mergeServices, projectStatusTone } from './composeText';
import { ComposeToolMissing } from './ComposeToolMissing';
import { DependsOnDiagram } from './DependsOnDiagram';
import { RiskyMountsDialog } from './RiskyMountsDialog';
import { ServiceRow } from './ServiceRow';

const tabs = ['services', 'file', 'logs'] as const;
type Tab = (typeof tabs)[number];
const projectActions = ['stop', 'start', 'restart', 'pull'] as const satisfies readonly ComposeAction[];

/** One compose project: its file's services merged with what runs, its commands and their output, its file and logs. */
export function ComposeProjectPage({ name }: { name: string }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { available: connected, actionProps } = useEngineAvailable();
  const { value: projects } = useStreamValue('compose.projects', {}, connected);
  const { documents, remember, jobs, run, cancel, dismiss, tool, checkingTool, checkTool } = useCompose();
  const [tab, setTab] = useState<Tab>('services');
  const [unreadable, setUnreadable] = useState<{ path: string; error: BerthError } | null>(null);
  const [downPlan, setDownPlan] = useState<ComposeDownPlan | null>(null);
  const [confirmingMounts, setConfirmingMounts] = useState(false);
  const starting = useAction();
  const down = useAction();

  const document = documents.get(name) ?? null;
  const project = projects?.find((candidate) => candidate.name === name) ?? null;
  const job = jobs.find((candidate) => candidate.target.projectName === name) ?? null;
  const running = job?.state === 'running';
  const target = composeTargetOf(name, document, project);
  const services = mergeServices(document, project, job);
  const problems = document?.problems ?? [];

  useEffect(() => {
    void checkTool();
  }, [checkTool]);
  // Opened from the bottom of the list (the example, a path): start at the project's name, not where the list was scrolled.
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    rootRef.current?.scrollIntoView?.({ block: 'start' });
  }, []);

  // A project started elsewhere (a terminal) is known by its labels: open its file to show what it says.
  const labelPath = project ? (project.configFiles[0] ?? project.workingDir) : null;
  useEffect(() => {
    if (document || !labelPath) return;
    let current = true;
    client.request('compose.open', { path: labelPath }).then(
      (opened) => current && remember(opened),
      (caught: unknown) => current && setUnreadable({ path: labelPath, error: toBerthError(caught) }),
    );
    return () => {
      current = false;
    };
  }, [client, document, labelPath, remember]);

  if (!document && !project) {
    return (
      <div className="mx-auto max-w-5xl p-6" data-testid="compose-project-page">
        <BackLink />
        <h1 className="mt-2 font-mono text-xl font-semibold break-all" data-value="">
          {name}
        </h1>
        <EngineUnavailable className="mt-4" consequence={t('compose.engineUnavailable')} />
        {connected &&
          (projects === null ? (
            <p className="mt-4 text-sm text-slate-500">{t('compose.projects.loading')}</p>
          ) : (
            <p className="mt-4 text-sm" data-testid="compose-project-unknown">
              {t('compose.project.unknown', { name })}
            </p>
          ))}
      </div>
    );
  }

  const toolMissing = tool !== null && !tool.found;
  // Why no command can run now, most important first; null when they can.
  const blocked =
    actionProps.title ??
    (toolMissing ? t('compose.tool.missingTitle') : null) ??
    (!target ? t('compose.project.noFolder') : null) ??
    (running ? t('compose.project.busy') : null);
  // Stop, start, restart and down work on containers: none yet before the first Up.
  const containersBlocked = blocked ?? (project ? null : t('compose.project.notStarted'));
  const upBlocked =
    blocked ?? (problems.length > 0 ? t('compose.project.upProblems', { count: problems.length }) : null);

  const start = (input: Omit<ComposeRunInput, 'target'>) =>
    starting.run(async () => {
      if (!target) return;
      await run({ target, ...input });
    });
  const up = () => {
    if (document?.model?.riskyMounts.length) setConfirmingMounts(true);
    else void start({ action: 'up' });
  };
  const openDown = () =>
    down.run(async () => {
      if (target) setDownPlan(await client.request('compose.downPlan', target));
    });

  const status = project?.status ?? null;
  return (
    <div ref={rootRef} className="mx-auto max-w-5xl p-6" data-testid="compose-project-page">
      <BackLink />
      <header className="mt-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 font-mono text-xl font-semibold break-all" data-value="">
            {name}
          </h1>
          <Badge tone={status ? projectStatusTone[status] : 'slate'} testId="compose-project-status">
            {t(`compose.status.${status ?? 'notStarted'}`)}
          </Badge>
        </div>
        {target && (
          <p className="mt-1 text-sm break-all text-slate-600 dark:text-slate-400">
            {t('compose.project.folder')}{' '}
            <span className="font-mono" data-value="" data-testid="compose-project-folder">
              {target.folder}
            </span>
          </p>
        )}
        {document && document.files.length > 0 && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {t('compose.project.files')}{' '}
            <span className="font-mono" data-value="">
              {document.files.map((file) => file.name).join(', ')}
            </span>
          </p>
        )}
      </header>

      <EngineUnavailable className="mt-4" consequence={t('compose.engineUnavailable')} />
      {tool && !tool.found && (
        <ComposeToolMissing tool={tool} checking={checkingTool} onCheckAgain={() => void checkTool()} />
      )}

      <div className="mt-4 flex flex-wrap items-center gap-2" role="group" aria-label={t('compose.project.actions')}>
        <Button
          variant="primary"
          disabled={upBlocked !== null || starting.busy}
          title={upBlocked ?? undefined}
          onClick={up}
          data-testid="compose-up"
        >
          {t('compose.action.up')}
        </Button>
        {projectActions.map((action) => (
          <Button
            key={action}
            disabled={(action === 'pull' ? blocked : containersBlocked) !== null || starting.busy}
            title={(action === 'pull' ? blocked : containersBlocked) ?? undefined}
            onClick={() => void start({ action })}
            data-testid={`compose-${action}`}
          >
            {t(`compose.action.${action}`)}
          </Button>
        ))}
        <Button
          className="!text-rose-700 dark:!text-rose-300"
          disabled={containersBlocked !== null || down.busy}
          title={containersBlocked ?? undefined}
          onClick={() => void openDown()}
          data-testid="compose-down"
        >
          {t('compose.action.down')}
        </Button>
      </div>
      {upBlocked !== null && upBlocked !== blocked && (
        <p className="mt-2 text-sm text-amber-800 dark:text-amber-300" data-testid="compose-up-blocked">
          {upBlocked}{' '}
          <button
            type="button"
            className="text-sky-700 underline hover:no-underline dark:text-sky-300"
            onClick={() => setTab('file')}
            data-testid="compose-show-file"
          >
            {t('compose.project.showFile')}
          </button>
        </p>
      )}
      {starting.failure && <ProblemCard problem={starting.failure.toWire()} />}
      {!downPlan && down.failure && <ProblemCard problem={down.failure.toWire()} />}

      {job && (
        <ComposeJobPanel
          key={job.id}
          job={job}
          onCancel={() => void cancel(job.id)}
          onDismiss={() => void dismiss(job.id)}
        />
      )}

      <div className="mt-2">
        <TabList
          tabs={tabs}
          current={tab}
          onChange={setTab}
          label={(name) => t(`compose.tabs.${name}`)}
          testId={(name) => `compose-tab-${name}`}
        />
      </div>
      <div className="mt-3" role="tabpanel">
        {!document && unreadable && tab !== 'logs' && (
          <p
            className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
            data-testid="compose-file-unreadable"
          >
            {t('compose.project.unreadable', { path: unreadable.path })}
          </p>
        )}
        {tab === 'services' && (
          <>
            {problems.length > 0 && (
              <ul className="mb-3 space-y-1 text-sm text-rose-800 dark:text-rose-300" data-testid="compose-problems">
                {problems.map((problem, index) => (
                  <li key={index}>{composeProblemText(t, problem)}</li>
                ))}
              </ul>
            )}
            {services.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t('compose.project.noServices')}</p>
            ) : (
              <ul className="grid gap-3 lg:grid-cols-2" data-testid="compose-services">
                {services.map((service) => (
                  <ServiceRow
                    key={service.name}
                    service={service}
                    actionsDisabled={blocked}
                    onAction={(action) => void start({ action, services: [service.name] })}
                  />
                ))}
              </ul>
            )}
            {document?.model && <DependsOnDiagram services={document.model.services} />}
          </>
        )}
        <Suspense fallback={<ViewLoading />}>
          {tab === 'file' &&
            (document ? (
              <ComposeFileTab document={document} onSaved={(saved: ComposeDocument) => remember(saved)} />
            ) : (
              !unreadable && <p className="text-sm text-slate-600">{t('compose.project.fileLoading')}</p>
            ))}
          {tab === 'logs' && <ComposeLogsTab projectName={name} services={services.map((service) => service.name)} />}
        </Suspense>
      </div>

      {confirmingMounts && document?.model && (
        <RiskyMountsDialog
          mounts={document.model.riskyMounts}
          onCancel={() => setConfirmingMounts(false)}
          onConfirm={() => {
            setConfirmingMounts(false);
            void start({
              action: 'up',
              confirmedMounts: document.model?.riskyMounts.map((mount) => mount.source) ?? [],
            });
          }}
        />
      )}
      {downPlan && target && (
        <ComposeDownDialog
          plan={downPlan}
          command={tool?.found ? tool.command.join(' ') : 'docker compose'}
          busy={down.busy}
          failure={down.failure}
          onCancel={() => {
            down.clear();
            setDownPlan(null);
          }}
          onConfirm={(removeVolumes) =>
            void down.run(async () => {
              await run({ target, action: 'down', confirm: name, removeVolumes });
              setDownPlan(null);
            })
          }
        />
      )}
    </div>
  );
}

function BackLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <a
      href="#/compose"
      onClick={(event) => {
        event.preventDefault();
        navigate('compose');
      }}
      className="text-sm text-sky-700 underline hover:no-underline dark:text-sky-300"
    >
      {t('compose.project.back')}
    </a>
  );
}
