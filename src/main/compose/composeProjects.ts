import type Docker from 'dockerode';
import type { ComposeJob, ComposeProjectState, ComposeServicePhase } from '../../shared/compose';
import type { Dispose, Listener } from '../../shared/emitter';
import { COMPOSE_PROJECT_LABEL } from '../containers/containerSummary';
import { isContainerRowEvent } from '../containers/containerModel';
import { LiveList, type EngineEventSource } from '../engine/liveList';
import { toComposeProjects, withPhases, type ComposePhases } from './composeProjectList';

/** What the compose commands Berth runs are doing to each service now (the compose jobs say it). */
export interface ComposePhaseSource {
  phases(): ComposePhases;
  onPhasesChange(listener: () => void): Dispose;
}

/** No command running: until the jobs are wired in, and in tests of the projects alone. */
export const noPhases: ComposePhaseSource = {
  phases: () => new Map(),
  onPhasesChange: () => () => undefined,
};

/** What phasesOfJobs needs from the compose jobs: the jobs now, and each change. */
export interface ComposeJobSource {
  list(): ComposeJob[];
  subscribe(emit: Listener<ComposeJob>): Dispose;
}

/** The phases of the compose commands still running, by project (a later command's phase wins). */
export function phasesOfJobs(jobs: ComposeJobSource): ComposePhaseSource {
  return {
    phases() {
      const byProject = new Map<string, Record<string, ComposeServicePhase>>();
      const running = jobs.list().filter((job) => job.state === 'running');
      for (const job of running.sort((a, b) => a.startedAt - b.startedAt)) {
        const name = job.target.projectName;
        byProject.set(name, { ...byProject.get(name), ...job.phases });
      }
      return byProject;
    },
    onPhasesChange: (listener) => jobs.subscribe(() => listener()),
  };
}

export interface ComposeProjectsOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  monitor: EngineEventSource;
  phases?: ComposePhaseSource;
  /** Engine events within this many ms make one list call. Default 50: `compose up` sends bursts. */
  debounceMs?: number;
}

/**
 * The compose projects the engine runs, whoever started them (a terminal, Berth, v1 or v2): read
 * from the compose labels of `docker ps -a`, read again when a container event comes (and on
 * reconnect), with what Berth's own compose commands are doing laid over. Nothing polls.
 */
export class ComposeProjects {
  private readonly getClient: () => Docker;
  private readonly phaseSource: ComposePhaseSource;
  private readonly live: LiveList<ComposeProjectState[]>;

  constructor(options: ComposeProjectsOptions) {
    this.getClient = options.getClient;
    this.phaseSource = options.phases ?? noPhases;
    this.live = new LiveList({
      monitor: options.monitor,
      load: () => this.load(),
      isRelevant: isContainerRowEvent,
      debounceMs: options.debounceMs ?? 50,
    });
  }

  /** The projects now, phases included (the 'compose.projects' request). */
  async list(): Promise<ComposeProjectState[]> {
    return withPhases(await this.load(), this.phaseSource.phases());
  }

  /**
   * The projects now, then again whenever they change (an engine event, a command's phase): a
   * contract stream. A list equal to the last one sent is not sent again.
   */
  subscribe(emit: Listener<ComposeProjectState[]>): Dispose {
    let loaded: ComposeProjectState[] | null = null;
    let lastSent = '';
    const send = () => {
      if (!loaded) return;
      const projects = withPhases(loaded, this.phaseSource.phases());
      const text = JSON.stringify(projects);
      if (text === lastSent) return;
      lastSent = text;
      emit(projects);
    };
    const stopList = this.live.subscribe((projects) => {
      loaded = projects;
      send();
    });
    const stopPhases = this.phaseSource.onPhasesChange(send);
    return () => {
      stopList();
      stopPhases();
    };
  }

  dispose(): void {
    this.live.dispose();
  }

  private async load(): Promise<ComposeProjectState[]> {
    const rows = await this.getClient().listContainers({ all: true, filters: { label: [COMPOSE_PROJECT_LABEL] } });
    return toComposeProjects(rows);
  }
}
