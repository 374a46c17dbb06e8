import path from 'node:path';
import { engineChoiceSchema, type EngineChoice, type EngineOption } from '../../shared/settings';
import {
  contextEndpoint,
  contextId,
  dockerConfigDir,
  endpointUrl,
  parseEndpointUrl,
  resolveEndpoint,
  type EndpointResolution,
  type EndpointWorld,
} from './endpoint';

/** What listing the engines reads: the endpoint world, and the folders of the docker CLI's contexts. */
export interface EngineChoicesWorld extends EndpointWorld {
  /** The names in a folder; empty when it does not exist or cannot be read. */
  listDirectory(dirPath: string): string[];
}

/** One Docker context as `docker context ls` would list it. */
export interface DockerContextEntry {
  name: string;
  host: string;
  description: string | null;
}

export const AUTOMATIC_LABEL = 'Automatic (like the docker command)';

interface ContextMetaJson {
  Name?: unknown;
  Metadata?: { Description?: unknown };
  Endpoints?: { docker?: { Host?: unknown } };
}

/**
 * The named contexts in $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json, sorted by name.
 * Broken ones (unreadable JSON, no name, no docker host, stored under the wrong folder) are skipped:
 * the docker CLI could not use them either.
 */
export function listDockerContexts(world: EngineChoicesWorld): DockerContextEntry[] {
  const metaDir = path.join(dockerConfigDir(world), 'contexts', 'meta');
  const contexts: DockerContextEntry[] = [];
  for (const id of world.listDirectory(metaDir)) {
    const text = world.readTextFile(path.join(metaDir, id, 'meta.json'));
    if (text === null) continue;
    let meta: ContextMetaJson;
    try {
      meta = JSON.parse(text) as ContextMetaJson;
    } catch {
      continue;
    }
    const name = meta?.Name;
    const host = meta?.Endpoints?.docker?.Host;
    if (typeof name !== 'string' || name === '' || name === 'default' || typeof host !== 'string' || host === '')
      continue;
    if (contextId(name) !== id) continue;
    if (!engineChoiceSchema.safeParse({ kind: 'context', name }).success) continue;
    const description = meta.Metadata?.Description;
    contexts.push({ name, host, description: typeof description === 'string' && description ? description : null });
  }
  return contexts.sort((a, b) => a.name.localeCompare(b.name));
}

/** Where the docker CLI's own resolution came from, in its words: DOCKER_HOST, context colima... */
function sourceDescription(resolution: EndpointResolution): string {
  if (!resolution.ok) return resolution.problem.message;
  const { source, contextName } = resolution.info;
  switch (source) {
    case 'DOCKER_HOST':
      return 'DOCKER_HOST';
    case 'DOCKER_CONTEXT':
      return `DOCKER_CONTEXT ${contextName ?? ''}`.trim();
    case 'config-context':
      return `context ${contextName ?? ''}`.trim();
    case 'platform-default':
    case 'setting':
      return 'context default';
  }
}

function sameChoice(a: EngineChoice, b: EngineChoice): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'context' && b.kind === 'context') return a.name === b.name;
  if (a.kind === 'custom' && b.kind === 'custom') return a.url.trim() === b.url.trim();
  return true;
}

function urlOf(resolution: EndpointResolution): string | null {
  return resolution.ok ? resolution.info.url : null;
}

/**
 * The engines Berth can switch to: "Automatic" first (where the docker CLI's own rules lead, and
 * why), then the "default" context and every Docker context found, then the custom address when
 * it is the active choice. A chosen context that no longer exists is still listed, unresolved.
 */
export function listEngineOptions(world: EngineChoicesWorld, activeChoice: EngineChoice | null): EngineOption[] {
  const active: EngineChoice = activeChoice ?? { kind: 'automatic' };
  const options: EngineOption[] = [];
  const add = (choice: EngineChoice, label: string, url: string | null, description: string | null) =>
    options.push({ choice, label, url, description, active: sameChoice(choice, active) });

  const automatic = resolveEndpoint(world, { kind: 'automatic' });
  add({ kind: 'automatic' }, AUTOMATIC_LABEL, urlOf(automatic), sourceDescription(automatic));

  const defaultContext = resolveEndpoint(world, { kind: 'context', name: 'default' });
  add(
    { kind: 'context', name: 'default' },
    'default',
    urlOf(defaultContext),
    defaultContext.ok ? (world.env.DOCKER_HOST ? 'DOCKER_HOST' : null) : defaultContext.problem.message,
  );

  for (const context of listDockerContexts(world)) {
    let url: string | null = null;
    let description = context.description;
    try {
      url = endpointUrl(contextEndpoint(world, context.name));
    } catch (error) {
      description = error instanceof Error ? error.message : String(error);
    }
    add({ kind: 'context', name: context.name }, context.name, url, description);
  }

  if (active.kind === 'context' && !options.some((option) => option.active)) {
    const missing = resolveEndpoint(world, active);
    add(active, active.name, urlOf(missing), missing.ok ? null : missing.problem.message);
  }
  if (active.kind === 'custom') {
    let url: string | null = null;
    let description: string | null = null;
    try {
      url = endpointUrl(parseEndpointUrl(active.url));
    } catch (error) {
      description = error instanceof Error ? error.message : String(error);
    }
    add(active, active.url, url, description);
  }
  return options;
}
