/**
 * Image references as Docker reads them (the distribution reference grammar): what `docker pull`
 * accepts, with a reason a beginner can read when it does not.
 */

export interface ImageReference {
  /** Registry host, e.g. docker.io or 127.0.0.1:5000. */
  domain: string;
  /** Repository path inside the registry, e.g. library/redis. */
  path: string;
  tag: string | null;
  digest: string | null;
}

export type ReferenceProblem =
  'empty' | 'too-long' | 'uppercase' | 'invalid-name' | 'invalid-tag' | 'invalid-digest' | 'has-spaces';

export type ReferenceParse = { ok: true; reference: ImageReference } | { ok: false; problem: ReferenceProblem };

export const DEFAULT_DOMAIN = 'docker.io';
const MAX_NAME_LENGTH = 255;

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const pathPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainPattern = new RegExp(`^(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const tagPattern = /^[\w][\w.-]{0,127}$/;
/** The digest algorithms Docker accepts, each with its exact length of lowercase hex. */
const digestPattern = /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

/** The first path part is a registry when it looks like a host: a dot, a port, or localhost. */
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: DEFAULT_DOMAIN, path: `library/${name}` };
  const first = name.slice(0, slash);
  let domain = DEFAULT_DOMAIN;
  let path = name;
  if (first.includes('.') || first.includes(':') || first === 'localhost') {
    domain = first === 'index.docker.io' ? DEFAULT_DOMAIN : first;
    path = name.slice(slash + 1);
  }
  // docker.io/redis is the official image library/redis.
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = `library/${path}`;
  return { domain, path };
}

export function parseImageReference(input: string): ReferenceParse {
  const value = input.trim();
  if (value === '') return { ok: false, problem: 'empty' };
  if (/\s/.test(value)) return { ok: false, problem: 'has-spaces' };

  let rest = value;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) return { ok: false, problem: 'invalid-digest' };
  }

  let tag: string | null = null;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!tagPattern.test(tag)) return { ok: false, problem: 'invalid-tag' };
  }

  if (rest.length > MAX_NAME_LENGTH) return { ok: false, problem: 'too-long' };
  const { domain, path } = splitDomain(rest);
  if (domain !== DEFAULT_DOMAIN && !domainPattern.test(domain)) return { ok: false, problem: 'invalid-name' };
  if (path !== path.toLowerCase()) return { ok: false, problem: 'uppercase' };
  if (!pathPattern.test(path)) return { ok: false, problem: 'invalid-name' };
  return { ok: true, reference: { domain, path, tag, digest } };
}

/** The short form people type and `docker images` shows: redis:latest, bitnami/redis:7, 127.0.0.1:5000/x:1. */
export function familiarName(reference: ImageReference): string {
  let name = reference.path;
  if (reference.domain === DEFAULT_DOMAIN) {
    if (name.startsWith('library/')) name = name.slice('library/'.length);
  } else {
    name = `${reference.domain}/${name}`;
  }
  if (reference.digest) return `${name}${reference.tag ? `:${reference.tag}` : ''}@${reference.digest}`;
  return `${name}:${reference.tag ?? 'latest'}`;
}

/**
 * A tag or digest reference as the engine listed it, in the familiar form: Podman lists
 * docker.io/library/redis:latest where dockerd (and the user) say redis:latest. Anything it cannot
 * read stays as it is.
 */
export function familiarListedName(name: string): string {
  const parsed = parseImageReference(name);
  return parsed.ok ? familiarName(parsed.reference) : name;
}

/** The repository without tag or digest, in its familiar form (what the Hub calls a repository). */
export function familiarRepository(reference: ImageReference): string {
  const name = familiarName({ ...reference, tag: null, digest: null });
  return name.slice(0, name.lastIndexOf(':'));
}
