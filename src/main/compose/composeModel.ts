import { forbiddenRealBindReason } from '../run/bindPaths';
import path from 'node:path';
import type { ComposeModel, ComposeMount, ComposeRiskyMount, ComposeService } from '../../shared/compose';
import { shellQuote } from '../../shared/dockerRunCommand';
import { isSecretName } from '../containers/secrets';
import { namesOf } from './berthChecks';
import { parseServiceMount } from './composeMounts';
import { nodeAt, plainOf, type Located } from './locatedYaml';

/**
 * What the merged project describes, for Berth to show: each service's image or build, ports,
 * mounts, networks, environment and dependencies, and the bind mounts that need a confirmation.
 * Built from whatever the file holds: a value of the wrong kind is left out (its problem says why).
 */

type Record_ = Record<string, unknown>;
const recordOf = (value: unknown): Record_ | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record_) : null;
const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'] as const;

export function composeModel(root: Located | null, realFolder: string): ComposeModel {
  const project = recordOf(root ? plainOf(root) : null) ?? {};
  const services = Object.entries(recordOf(project.services) ?? {}).flatMap(([name, value]) => {
    const service = recordOf(value);
    return service ? [serviceModel(root, name, service, realFolder)] : [];
  });
  const riskyMounts: ComposeRiskyMount[] = services.flatMap((service) =>
    service.volumes.flatMap((mount) => {
      // Through links too: "./link" → "/" hands over the disk as surely as "/" does.
      const kind = mount.type === 'bind' && mount.source !== null ? forbiddenRealBindReason(mount.source) : null;
      return kind && mount.source !== null ? [{ service: service.name, source: mount.source, kind }] : [];
    }),
  );
  return {
    services,
    volumes: topLevel(project.volumes),
    networks: topLevel(project.networks),
    riskyMounts,
  };
}

function topLevel(value: unknown): { name: string; external: boolean }[] {
  return Object.entries(recordOf(value) ?? {}).map(([name, definition]) => {
    const external = recordOf(definition)?.external;
    // `external: {name: ...}` is the old form of external: true.
    return { name, external: external === true || recordOf(external) !== null };
  });
}

function serviceModel(root: Located | null, name: string, service: Record_, realFolder: string): ComposeService {
  const place = nodeAt(root, ['services', name]).keyPlace;
  const build = typeof service.build === 'string' ? { context: service.build } : recordOf(service.build);
  const context = build ? (text(build.context) ?? '.') : null;
  const volumes: ComposeMount[] = (Array.isArray(service.volumes) ? service.volumes : []).flatMap((entry) => {
    const mount = parseServiceMount(entry, realFolder);
    return mount ? [mount] : [];
  });
  const tmpfs = typeof service.tmpfs === 'string' ? [service.tmpfs] : Array.isArray(service.tmpfs) ? service.tmpfs : [];
  for (const target of tmpfs) {
    if (typeof target === 'string')
      volumes.push({ type: 'tmpfs', source: null, target: target.split(':')[0] ?? target, readOnly: false });
  }
  const networks = namesOf(service.networks).map((entry) => entry.name);
  return {
    name,
    image: text(service.image),
    build:
      context === null
        ? null
        : {
            context: /^[a-z][a-z0-9+.-]*:\/\//i.test(context) ? context : path.resolve(realFolder, context),
            dockerfile: text(build?.dockerfile),
          },
    ports: (Array.isArray(service.ports) ? service.ports : []).flatMap((port) => {
      const written = portText(port);
      return written === null ? [] : [written];
    }),
    volumes,
    networks: networks.length > 0 || service.network_mode !== undefined ? networks : ['default'],
    environment: environmentOf(service.environment),
    dependsOn: dependenciesOf(service.depends_on),
    command: commandText(service.command),
    file: place?.file ?? '',
    line: place?.line ?? null,
  };
}

/** A port as the short syntax writes it; the long syntax ({target, published, host_ip, protocol}) turned into it. */
function portText(port: unknown): string | null {
  const short = text(port);
  if (short !== null) return short;
  const long = recordOf(port);
  const target = text(long?.target);
  if (!long || target === null) return null;
  const published = text(long.published);
  const hostIp = text(long.host_ip);
  const protocol = text(long.protocol);
  return (
    [hostIp, published, target].filter((part) => part !== null && part !== '').join(':') +
    (protocol ? `/${protocol}` : '')
  );
}

function environmentOf(value: unknown): ComposeService['environment'] {
  const entries: { name: string; value: string | null }[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const written = text(item);
      if (written === null) continue;
      const equals = written.indexOf('=');
      entries.push(
        equals === -1
          ? { name: written, value: null }
          : { name: written.slice(0, equals), value: written.slice(equals + 1) },
      );
    }
  } else {
    for (const [name, item] of Object.entries(recordOf(value) ?? {})) entries.push({ name, value: text(item) });
  }
  return entries.map((entry) => ({ ...entry, secret: isSecretName(entry.name) }));
}

function dependenciesOf(value: unknown): ComposeService['dependsOn'] {
  const record = recordOf(value);
  return namesOf(value).map(({ name }) => {
    const condition = recordOf(record?.[name])?.condition;
    return {
      service: name,
      condition: CONDITIONS.find((known) => known === condition) ?? 'service_started',
    };
  });
}

/** A command list joined as a shell would need it typed ("sh -c 'echo hi'"). */
function commandText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return null;
  return value.map((word) => shellQuote(text(word) ?? '')).join(' ');
}

/**
 * The name compose gives the project: COMPOSE_PROJECT_NAME, else `name:`, else the folder's name,
 * lowercased with everything but letters, digits, - and _ removed, as compose normalises it.
 */
export function projectNameOf(
  written: unknown,
  realFolder: string,
  variables: (name: string) => string | undefined,
): string {
  const chosen = variables('COMPOSE_PROJECT_NAME') || (typeof written === 'string' && written !== '' ? written : null);
  return normalizeProjectName(chosen ?? path.basename(realFolder)) || 'default';
}

export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}
