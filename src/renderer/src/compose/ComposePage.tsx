import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeDocument, ComposeProjectState } from '../../../shared/compose';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useStreamValue } from '../app/useStream';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ComposeIcon } from '../ui/icons';
import { InlineCode } from '../ui/InlineCode';
import { PathPicker } from '../ui/PathPicker';
import { useAction } from '../ui/useAction';
import { useCompose } from './composeStore';
import { composeOpenProblemText, projectStatusTone, runningCount } from './composeText';
import { ComposeToolMissing } from './ComposeToolMissing';

/** The compose projects the Docker server runs (whoever started them) and the ones opened here; where a project is opened. */
export function ComposePage() {
  const { t } = useTranslation();
  const client = useBerthClient();
  const navigate = useNavigate();
  const { available: connected } = useEngineAvailable();
  const { value: projects, error } = useStreamValue('compose.projects', {}, connected);
  const { documents, remember, tool, checkingTool, checkTool } = useCompose();
  const example = useAction();

  useEffect(() => {
    void checkTool();
  }, [checkTool]);

  const opened = (document: ComposeDocument) => {
    remember(document);
    navigate('compose', document.projectName);
  };
  const openExample = () =>
    example.run(async () => opened(await client.request('compose.openExample', { name: 'visit-counter' })));

  const live = projects ?? [];
  // Opened here but not (yet) running: shown beside the live ones so the user finds them again.
  const openedOnly = [...documents.values()].filter(
    (document) => !live.some((project) => project.name === document.projectName),
  );
  const empty = projects !== null && live.length === 0 && openedOnly.length === 0;

  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="compose-page">
      <h1 className="text-xl font-semibold">{t('compose.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        <InlineCode text={t('compose.intro')} />
      </p>
      <EngineUnavailable className="mt-4" consequence={t('compose.engineUnavailable')} />
      {tool && !tool.found && (
        <ComposeToolMissing tool={tool} checking={checkingTool} onCheckAgain={() => void checkTool()} />
      )}
      {error && (
        <div className="mt-4">
          <ProblemCard problem={error.toWire()} />
        </div>
      )}

      {empty && (
        <section
          className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 text-center dark:border-slate-700"
          data-testid="compose-empty"
          aria-labelledby="compose-empty-title"
        >
          <ComposeIcon className="mx-auto h-8 w-8 text-sky-700 dark:text-sky-300" aria-hidden />
          <h2 id="compose-empty-title" className="mt-2 font-semibold">
            {t('compose.empty.title')}
          </h2>
          <p className="mx-auto mt-1 max-w-prose text-sm leading-6 text-slate-600 dark:text-slate-400">
            {t('compose.empty.body')}
          </p>
        </section>
      )}

      {(live.length > 0 || openedOnly.length > 0) && (
        <section className="mt-6" aria-labelledby="compose-projects-title">
          <h2 id="compose-projects-title" className="text-sm font-semibold">
            {t('compose.projects.title')}
          </h2>
          <ul className="mt-2 grid gap-3 md:grid-cols-2" data-testid="compose-projects">
            {live.map((project) => (
              <ProjectCard key={project.name} project={project} />
            ))}
            {openedOnly.map((document) => (
              <OpenedCard key={document.projectName} document={document} />
            ))}
          </ul>
        </section>
      )}
      {connected && projects === null && !error && (
        <p className="mt-4 text-sm text-slate-500">{t('compose.projects.loading')}</p>
      )}

      <section className="mt-8" aria-labelledby="compose-open-title">
        <h2 id="compose-open-title" className="text-sm font-semibold">
          {t('compose.open.title')}
        </h2>
        <div className="mt-2" data-testid="compose-open">
          <PathPicker
            open={(path) => client.request('compose.open', { path })}
            onOpened={opened}
            label={t('compose.open.label')}
            help={t('compose.open.help')}
            testIdPrefix="compose-open"
            problemText={(failure) => composeOpenProblemText(t, failure)}
          />
        </div>
        <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
          <h3 className="text-sm font-medium">{t('compose.example.name')}</h3>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('compose.example.description')}</p>
          <Button
            variant={empty ? 'primary' : 'secondary'}
            className="mt-3"
            disabled={example.busy}
            onClick={() => void openExample()}
            data-testid="compose-example"
          >
            {example.busy ? t('build.folder.opening') : t('compose.example.open')}
          </Button>
          {example.failure && <ProblemCard problem={example.failure.toWire()} />}
        </div>
      </section>
    </div>
  );
}

function ProjectCard({ project }: { project: ComposeProjectState }) {
  const { t } = useTranslation();
  const { running, total } = runningCount(project);
  return (
    <Card
      name={project.name}
      status={project.status}
      badge={
        <Badge tone={projectStatusTone[project.status]} testId="compose-project-status">
          {t(`compose.status.${project.status}`)}
        </Badge>
      }
      summary={t('compose.projects.counts', { running, total, services: project.services.length })}
      folder={project.workingDir ?? t('compose.projects.noFolder')}
    />
  );
}

function OpenedCard({ document }: { document: ComposeDocument }) {
  const { t } = useTranslation();
  return (
    <Card
      name={document.projectName}
      status="not-started"
      badge={<Badge testId="compose-project-status">{t('compose.status.notStarted')}</Badge>}
      summary={t('compose.projects.services', { count: document.model?.services.length ?? 0 })}
      folder={document.folder}
    />
  );
}

/** A project in the list: its name (a link to its view), its state, what it holds, its folder. */
function Card({
  name,
  status,
  badge,
  summary,
  folder,
}: {
  name: string;
  status: string;
  badge: ReactNode;
  summary: string;
  folder: string;
}) {
  const { t } = useTranslation();
  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
      data-testid="compose-project"
      data-project={name}
      data-status={status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <a
          href={`#/compose/${encodeURIComponent(name)}`}
          aria-label={t('compose.projects.openLabel', { name })}
          className="min-w-0 font-mono font-medium break-all text-sky-700 underline hover:no-underline dark:text-sky-300"
          data-value=""
        >
          {name}
        </a>
        {badge}
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="compose-project-counts">
        {summary}
      </p>
      <p className="mt-1 truncate font-mono text-xs text-slate-500" title={folder} data-value="">
        {folder}
      </p>
    </li>
  );
}
