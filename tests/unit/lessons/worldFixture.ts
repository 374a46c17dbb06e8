import type { ContainerSummary } from '../../../src/shared/containers';
import type { LocalImage } from '../../../src/shared/images';
import type { LessonMemory, LessonWorld } from '../../../src/main/lessons/lessonDefinition';

/**
 * State fixtures for the lessons' checks: a world as the LessonWatcher gathers it, with only what
 * a test names filled in. The engine is connected (dockerd 24) unless the test says otherwise.
 */
export function world(parts: Partial<LessonWorld> = {}): LessonWorld {
  return {
    now: 1_800_000_000_000,
    engine: {
      state: 'connected',
      endpoint: {
        kind: 'unix',
        url: 'unix:///var/run/docker.sock',
        source: 'platform-default',
        contextName: null,
        tls: false,
      },
      searched: [],
      problem: null,
      server: {
        family: 'docker',
        product: { id: 'dockerd', version: '24.0.5' },
        platformName: null,
        version: '24.0.5',
        apiVersion: '1.43',
        minApiVersion: '1.12',
        gitCommit: 'a61e2b4',
        goVersion: 'go1.20.6',
        built: null,
        os: 'linux',
        arch: 'amd64',
        kernelVersion: null,
        experimental: false,
        components: [],
      },
      retry: null,
      followedContext: null,
      checkedAt: 1_800_000_000_000,
    },
    containers: [],
    images: [],
    volumes: [],
    networks: [],
    builds: [],
    pulls: [],
    runs: [],
    composeProjects: [],
    composeTool: null,
    probes: {},
    observations: [],
    ...parts,
  };
}

export function memory(parts: Partial<LessonMemory> = {}): LessonMemory {
  return { startedAt: 1_799_999_000_000, doneAt: {}, notes: {}, folder: null, ...parts };
}

let next = 0;
const hex = () => (next += 1).toString(16).padStart(64, '0');

export function image(parts: Partial<LocalImage> & { repoTags: string[] }): LocalImage {
  return {
    id: `sha256:${hex()}`,
    repoDigests: [],
    size: 1_000_000,
    created: 1_700_000_000,
    containers: [],
    dangling: parts.repoTags.length === 0,
    ...parts,
  };
}

export function container(parts: Partial<ContainerSummary> & { name: string; image: string }): ContainerSummary {
  return {
    id: hex(),
    imageId: `sha256:${hex()}`,
    command: '',
    state: 'running',
    status: 'Up 1 second',
    health: null,
    exitCode: null,
    created: 1_800_000_000,
    ports: [],
    composeProject: null,
    composeService: null,
    ...parts,
  };
}
