import fs from 'node:fs';
import path from 'node:path';
import type { ComposeProblem, ComposeProblemKind } from '../../shared/compose';
import { isInside } from '../files/projectFolder';
import { parseServiceMount } from './composeMounts';
import { plainOf, type Located } from './locatedYaml';
import { problemAt } from './specProblems';

/**
 * What the specification lets through but compose (or Berth) refuses: no services, a service with
 * nothing to run, references to services, networks and volumes the file does not define, depends_on
 * in a circle, and build contexts or env files outside the project folder.
 */

type Record_ = Record<string, unknown>;
const recordOf = (value: unknown): Record_ | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record_) : null;

/** depends_on or networks as a list or as a mapping: each name with the path to where it is written. */
export function namesOf(value: unknown): { name: string; segment: string; isKey: boolean }[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      typeof item === 'string' ? [{ name: item, segment: String(index), isKey: false }] : [],
    );
  }
  const record = recordOf(value);
  return record ? Object.keys(record).map((name) => ({ name, segment: name, isKey: true })) : [];
}

/** A remote build context compose hands to the engine as it is (git repositories, URLs). */
const isRemote = (context: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@|^github\.com\//.test(context);

/** Whether a path written in the file resolves (links too, when it exists) outside the folder. */
function leadsOutside(realFolder: string, written: string): string | null {
  const resolved = path.resolve(realFolder, written);
  if (resolved !== realFolder && !isInside(realFolder, resolved)) return resolved;
  let real: string;
  try {
    real = fs.realpathSync(resolved);
  } catch {
    return null;
  }
  return real === realFolder || isInside(realFolder, real) ? null : real;
}

export function berthChecks(root: Located | null, realFolder: string, mainFile: string): ComposeProblem[] {
  const problems: ComposeProblem[] = [];
  const at = (
    kind: ComposeProblemKind,
    segments: string[],
    params: Record<string, string>,
    options: { keyPlace?: boolean } = {},
  ) => problems.push(problemAt(root, mainFile, kind, segments, params, options));
  const project = recordOf(root ? plainOf(root) : null) ?? {};
  const services = recordOf(project.services);
  if (project.services === undefined || project.services === null || (services && Object.keys(services).length === 0)) {
    at('no-services', project.services === undefined ? [] : ['services'], {}, { keyPlace: true });
  }
  if (!services) return problems;
  const networks = new Set(Object.keys(recordOf(project.networks) ?? {}));
  const volumes = new Set(Object.keys(recordOf(project.volumes) ?? {}));

  for (const [name, value] of Object.entries(services)) {
    const service = recordOf(value);
    if (!service) continue;
    const here = ['services', name];
    // extends may bring the image from the service it extends.
    if (service.image === undefined && service.build === undefined && service.extends === undefined)
      at('no-image', here, {}, { keyPlace: true });
    for (const entry of namesOf(service.depends_on)) {
      if (!(entry.name in services)) {
        at(
          'unknown-reference',
          [...here, 'depends_on', entry.segment],
          { kind: 'service', name: entry.name },
          { keyPlace: entry.isKey },
        );
      }
    }
    for (const entry of namesOf(service.networks)) {
      if (entry.name !== 'default' && !networks.has(entry.name)) {
        at(
          'unknown-reference',
          [...here, 'networks', entry.segment],
          { kind: 'network', name: entry.name },
          { keyPlace: entry.isKey },
        );
      }
    }
    if (Array.isArray(service.volumes)) {
      service.volumes.forEach((entry, index) => {
        const mount = parseServiceMount(entry, realFolder);
        if (mount?.type === 'volume' && mount.source !== null && !volumes.has(mount.source)) {
          at('unknown-reference', [...here, 'volumes', String(index)], { kind: 'volume', name: mount.source });
        }
      });
    }
    const build = typeof service.build === 'string' ? { context: service.build } : recordOf(service.build);
    if (build && typeof build.context === 'string' && !isRemote(build.context)) {
      const outside = leadsOutside(realFolder, build.context);
      const segments = typeof service.build === 'string' ? [...here, 'build'] : [...here, 'build', 'context'];
      if (outside) at('outside-folder', segments, { path: outside });
    }
    const envFiles = typeof service.env_file === 'string' ? [service.env_file] : service.env_file;
    if (Array.isArray(envFiles)) {
      envFiles.forEach((entry, index) => {
        const file = typeof entry === 'string' ? entry : recordOf(entry)?.path;
        if (typeof file !== 'string') return;
        const outside = leadsOutside(realFolder, file);
        const segments =
          typeof service.env_file === 'string' ? [...here, 'env_file'] : [...here, 'env_file', String(index)];
        if (outside) at('outside-folder', segments, { path: outside });
      });
    }
    const extendsFile = recordOf(service.extends)?.file;
    if (typeof extendsFile === 'string') {
      const outside = leadsOutside(realFolder, extendsFile);
      if (outside) at('outside-folder', [...here, 'extends', 'file'], { path: outside });
    }
  }
  for (const cycle of dependencyCycles(services)) {
    const [first = '', second] = cycle;
    const entry = namesOf(recordOf(services[first])?.depends_on).find((item) => item.name === second);
    const segments = ['services', first, 'depends_on', ...(entry ? [entry.segment] : [])];
    at('dependency-cycle', segments, { cycle: cycle.join(' → ') }, { keyPlace: entry?.isKey ?? false });
  }
  return problems;
}

/** Each circle of depends_on once, as the names round it back to the first ("a → b → a"). */
export function dependencyCycles(services: Record_): string[][] {
  const edges = new Map<string, string[]>();
  for (const [name, value] of Object.entries(services)) {
    edges.set(
      name,
      namesOf(recordOf(value)?.depends_on)
        .map((entry) => entry.name)
        .filter((dependency) => dependency in services),
    );
  }
  const cycles: string[][] = [];
  const seenCycles = new Set<string>();
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string) => {
    if (done.has(name)) return;
    const index = stack.indexOf(name);
    if (index !== -1) {
      const cycle = stack.slice(index);
      const key = [...cycle].sort().join('\u0000');
      if (!seenCycles.has(key)) {
        seenCycles.add(key);
        cycles.push([...cycle, name]);
      }
      return;
    }
    stack.push(name);
    for (const next of edges.get(name) ?? []) visit(next);
    stack.pop();
    done.add(name);
  };
  for (const name of edges.keys()) visit(name);
  return cycles;
}
