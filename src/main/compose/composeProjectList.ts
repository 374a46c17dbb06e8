import path from 'node:path';
import type {
  ComposeContainer,
  ComposeProjectState,
  ComposeServicePhase,
  ComposeServiceState,
} from '../../shared/compose';
import {
  COMPOSE_PROJECT_LABEL,
  COMPOSE_SERVICE_LABEL,
  toContainerSummary,
  type ContainerInfoJson,
} from '../containers/containerSummary';

/*
 * The compose projects the engine runs, read from the labels compose puts on every container it
 * makes (v1 and v2 alike, against dockerd or Podman). Pure: the service feeds it GET /containers/json.
 */

export const COMPOSE_WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
export const COMPOSE_CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
export const COMPOSE_NUMBER_LABEL = 'com.docker.compose.container-number';
export const COMPOSE_ONEOFF_LABEL = 'com.docker.compose.oneoff';

/** What compose says about one container in its labels; null for a container compose did not make. */
export interface ComposeLabels {
  project: string;
  service: string;
  workingDir: string | null;
  configFiles: string[];
  number: number | null;
  /** `compose run` containers: `compose ps` leaves them out, and so does Berth. */
  oneoff: boolean;
}

/**
 * "compose.yaml,compose.override.yaml" → absolute paths. v1 writes them as given on the command line
 * (relative to the working dir), v2 absolute.
 */
export function resolveConfigFiles(raw: string | undefined, workingDir: string | null): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((file) => file.trim())
    .filter((file) => file !== '')
    .map((file) => (path.isAbsolute(file) || workingDir === null ? file : path.resolve(workingDir, file)));
}

export function composeLabels(labels: Readonly<Record<string, string>> | null | undefined): ComposeLabels | null {
  const project = labels?.[COMPOSE_PROJECT_LABEL];
  const service = labels?.[COMPOSE_SERVICE_LABEL];
  if (!labels || !project || !service) return null;
  const workingDir = labels[COMPOSE_WORKING_DIR_LABEL] || null;
  const number = Number.parseInt(labels[COMPOSE_NUMBER_LABEL] ?? '', 10);
  return {
    project,
    service,
    workingDir,
    configFiles: resolveConfigFiles(labels[COMPOSE_CONFIG_FILES_LABEL], workingDir),
    number: Number.isFinite(number) ? number : null,
    oneoff: (labels[COMPOSE_ONEOFF_LABEL] ?? '').toLowerCase() === 'true',
  };
}

/** The name a container's log lines carry in merged logs: the service, "web-2" for its second container. */
export function logSourceName(service: string, number: number | null): string {
  return number !== null && number > 1 ? `${service}-${number}` : service;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function byNumber(a: ComposeContainer, b: ComposeContainer): number {
  return (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) || byName(a, b);
}

export function projectStatus(services: readonly ComposeServiceState[]): ComposeProjectState['status'] {
  const containers = services.flatMap((service) => service.containers);
  const running = containers.filter((container) => container.state === 'running').length;
  if (running === 0) return 'stopped';
  return running === containers.length ? 'running' : 'partly';
}

/** GET /containers/json?all=1 → the projects by name, their services by name, containers by number. */
export function toComposeProjects(rows: readonly ContainerInfoJson[]): ComposeProjectState[] {
  const projects = new Map<
    string,
    { workingDir: string | null; configFiles: string[]; services: Map<string, ComposeServiceState> }
  >();
  for (const row of rows) {
    const labels = composeLabels(row.Labels);
    if (!labels || labels.oneoff) continue;
    const summary = toContainerSummary(row);
    let project = projects.get(labels.project);
    if (!project) {
      project = { workingDir: labels.workingDir, configFiles: labels.configFiles, services: new Map() };
      projects.set(labels.project, project);
    }
    // Containers of one project may come from different runs (other files): the labels any one has are kept.
    project.workingDir ??= labels.workingDir;
    if (project.configFiles.length === 0) project.configFiles = labels.configFiles;
    let service = project.services.get(labels.service);
    if (!service) {
      service = { name: labels.service, image: summary.image || null, containers: [], phase: null };
      project.services.set(labels.service, service);
    }
    service.containers.push({
      id: summary.id,
      name: summary.name,
      state: summary.state,
      exitCode: summary.state === 'exited' ? summary.exitCode : null,
      health: summary.health,
      number: labels.number,
    });
  }
  return [...projects]
    .map(([name, project]) => {
      const services = [...project.services.values()].sort(byName);
      for (const service of services) service.containers.sort(byNumber);
      return {
        name,
        workingDir: project.workingDir,
        configFiles: project.configFiles,
        services,
        status: projectStatus(services),
      };
    })
    .sort(byName);
}

/** What the compose commands Berth runs are doing now: project → service → phase. */
export type ComposePhases = ReadonlyMap<string, Readonly<Record<string, ComposeServicePhase>>>;

/**
 * The phases laid over the projects. A service the command works on before it has a container
 * (pulling, building) is shown with none; so is a project none of whose containers exist yet.
 */
export function withPhases(projects: readonly ComposeProjectState[], phases: ComposePhases): ComposeProjectState[] {
  const result = projects.map((project) => {
    const projectPhases = phases.get(project.name) ?? {};
    const services = project.services.map((service) => ({ ...service, phase: projectPhases[service.name] ?? null }));
    const known = new Set(services.map((service) => service.name));
    for (const [name, phase] of Object.entries(projectPhases)) {
      if (!known.has(name)) services.push({ name, image: null, containers: [], phase });
    }
    return { ...project, services: services.sort(byName) };
  });
  const listed = new Set(projects.map((project) => project.name));
  for (const [name, projectPhases] of phases) {
    if (listed.has(name) || Object.keys(projectPhases).length === 0) continue;
    const services = Object.entries(projectPhases)
      .map(([service, phase]) => ({ name: service, image: null, containers: [], phase }))
      .sort(byName);
    result.push({ name, workingDir: null, configFiles: [], services, status: 'stopped' });
  }
  return result.sort(byName);
}
