import type { TFunction } from 'i18next';
import type {
  ComposeContainer,
  ComposeDocument,
  ComposeJob,
  ComposeProblem,
  ComposeProjectState,
  ComposeService,
  ComposeServicePhase,
  ComposeServiceState,
  ComposeTarget,
} from '../../../shared/compose';
import { composeOpenProblemSchema } from '../../../shared/compose';
import type { BerthError } from '../../../shared/errors';
import { composeProblemMessage } from '../../../shared/i18n/composeProblems';
import { exitedWithError, stateText } from '../containers/containerText';

/** A problem in a compose file in one sentence, with its file and line ("compose.yaml, line 4: …"). */
export function composeProblemText(t: TFunction, problem: ComposeProblem): string {
  const what = composeProblemMessage(t, problem);
  return problem.line === null
    ? t('compose.problem.inFile', { file: problem.file, what })
    : t('compose.problem.atLine', { file: problem.file, line: problem.line, what });
}

/** Why a folder or compose file could not be opened, when the main process said which known problem it was; null otherwise. */
export function composeOpenProblemText(t: TFunction, error: BerthError): string | null {
  for (const issue of error.issues ?? []) {
    const problem = composeOpenProblemSchema.safeParse(issue.message);
    if (problem.success) return t(`composeFiles.problem.${problem.data}`);
  }
  return null;
}

/** The containers of a project that run, of all it has. */
export function runningCount(project: ComposeProjectState): { running: number; total: number } {
  const containers = project.services.flatMap((service) => service.containers);
  return {
    running: containers.filter((container) => container.state === 'running').length,
    total: containers.length,
  };
}

export const projectStatusTone = { running: 'emerald', partly: 'amber', stopped: 'slate' } as const;

/** One service as the project view shows it: what the file says (if opened) and what runs (if anything). */
export interface ServiceView {
  name: string;
  /** From the opened document; null for a service known only from its containers. */
  spec: ComposeService | null;
  live: ComposeServiceState | null;
  /** What a compose command does to it now (the job's phase first, the project's otherwise). */
  phase: ComposeServicePhase | null;
}

/** The document's services in its order, then the live ones it does not name (an older file, a terminal's). */
export function mergeServices(
  document: ComposeDocument | null,
  project: ComposeProjectState | null,
  job: ComposeJob | null,
): ServiceView[] {
  const live = new Map((project?.services ?? []).map((service) => [service.name, service]));
  const running = job?.state === 'running' ? job.phases : {};
  const view = (name: string, spec: ComposeService | null): ServiceView => ({
    name,
    spec,
    live: live.get(name) ?? null,
    phase: running[name] ?? live.get(name)?.phase ?? null,
  });
  const fromFile = (document?.model?.services ?? []).map((service) => view(service.name, service));
  const named = new Set(fromFile.map((service) => service.name));
  return [...fromFile, ...[...live.keys()].filter((name) => !named.has(name)).map((name) => view(name, null))];
}

type Tone = 'emerald' | 'amber' | 'rose' | 'slate' | 'sky';

/** A service's state in words and its badge colour: its phase, else its containers' state. */
export function serviceStateOf(t: TFunction, service: ServiceView): { text: string; tone: Tone } {
  if (service.phase) return { text: t(`compose.phase.${service.phase}`), tone: 'sky' };
  const containers: ComposeContainer[] = service.live?.containers ?? [];
  if (containers.length === 0) return { text: t('compose.service.notCreated'), tone: 'slate' };
  if (containers.some((container) => container.health === 'unhealthy'))
    return { text: t('compose.service.unhealthy'), tone: 'rose' };
  const failed = containers.find((container) => exitedWithError(container));
  if (failed) return { text: stateText(t, failed), tone: 'amber' };
  const running = containers.filter((container) => container.state === 'running').length;
  if (running === containers.length) {
    return containers.length === 1
      ? { text: t('containers.state.running'), tone: 'emerald' }
      : { text: t('compose.service.runningCount', { running, total: containers.length }), tone: 'emerald' };
  }
  if (running > 0)
    return { text: t('compose.service.runningCount', { running, total: containers.length }), tone: 'amber' };
  return { text: stateText(t, containers[0]!), tone: 'slate' };
}

/** Where compose runs for this project: the opened document's folder and files, else what the labels say. */
export function composeTargetOf(
  name: string,
  document: ComposeDocument | null,
  project: ComposeProjectState | null,
): ComposeTarget | null {
  if (document) return { projectName: name, folder: document.folder, files: document.files.map((file) => file.path) };
  if (project?.workingDir) return { projectName: name, folder: project.workingDir, files: project.configFiles };
  return null;
}
