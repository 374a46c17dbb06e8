import { createHash } from 'node:crypto';
import path from 'node:path';
import { BerthError, type WireError } from '../../shared/errors';
import type { EndpointInfo, EndpointSource } from '../../shared/engine';
import type { EngineChoice } from '../../shared/settings';

/** Client certificate files for a TLS endpoint (paths; read when connecting). */
export interface TlsFiles {
  ca: string;
  cert: string;
  key: string;
  /** False when the context says SkipTLSVerify, or DOCKER_TLS is set without DOCKER_TLS_VERIFY. */
  verify: boolean;
}

/**
 * How to log in to an ssh endpoint, found on this machine when the endpoint is resolved (paths;
 * the key is read when connecting), so the connection code reads no environment of its own.
 */
export interface SshAuth {
  /** SSH_AUTH_SOCK: the ssh agent's socket, when one runs. */
  agentSocket: string | null;
  /** ~/.ssh/id_ed25519, id_ecdsa, id_rsa: those that exist, in the order ssh tries them. */
  identityFiles: string[];
  /** The user to log in as when the URL names none (ssh uses the local user name too). */
  localUser: string | null;
}

export type EngineEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; pipePath: string }
  | { kind: 'tcp'; host: string; port: number; tls: TlsFiles | null }
  | { kind: 'ssh'; host: string; port: number; username: string | null; auth?: SshAuth };

export type EndpointResolution =
  { ok: true; endpoint: EngineEndpoint; info: EndpointInfo } | { ok: false; searched: string[]; problem: WireError };

/** The parts of the machine that resolution reads, passed in so tests can fake them. */
export interface EndpointWorld {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  readTextFile(filePath: string): string | null;
  exists(filePath: string): boolean;
}

const DEFAULT_TCP_PORT = 2375;
const DEFAULT_TLS_PORT = 2376;
const DEFAULT_SSH_PORT = 22;

/** Parses an endpoint URL the way the docker CLI reads DOCKER_HOST. */
export function parseEndpointUrl(raw: string, tls: TlsFiles | null = null): EngineEndpoint {
  const value = raw.trim();
  const invalid = (why: string) => new BerthError('endpoint-invalid', `Invalid engine endpoint "${value}": ${why}`);
  if (value === '') throw invalid('it is empty');
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    if (!socketPath.startsWith('/'))
      throw invalid('a unix socket needs an absolute path, like unix:///var/run/docker.sock');
    return { kind: 'unix', socketPath };
  }
  if (value.startsWith('npipe://')) {
    const pipePath = value.slice('npipe://'.length).replaceAll('/', '\\');
    if (!pipePath) throw invalid('a named pipe needs a path, like npipe:////./pipe/docker_engine');
    return { kind: 'npipe', pipePath };
  }
  const withScheme = value.includes('://') ? value : `tcp://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid('it is not a valid URL');
  }
  if (!url.hostname) throw invalid('it has no host name');
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const port = url.port ? Number(url.port) : tls || url.protocol === 'https:' ? DEFAULT_TLS_PORT : DEFAULT_TCP_PORT;
    return { kind: 'tcp', host: stripBrackets(url.hostname), port, tls };
  }
  if (url.protocol === 'ssh:') {
    if (url.pathname && url.pathname !== '/') throw invalid('an ssh endpoint takes no path, like ssh://user@host:22');
    return {
      kind: 'ssh',
      host: stripBrackets(url.hostname),
      port: url.port ? Number(url.port) : DEFAULT_SSH_PORT,
      username: url.username ? decodeURIComponent(url.username) : null,
    };
  }
  throw invalid(`the scheme ${url.protocol.replace(':', '')} is not supported (use unix, npipe, tcp or ssh)`);
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The endpoint written back as a URL, for display and reports. */
export function endpointUrl(endpoint: EngineEndpoint): string {
  switch (endpoint.kind) {
    case 'unix':
      return `unix://${endpoint.socketPath}`;
    case 'npipe':
      return `npipe://${endpoint.pipePath.replaceAll('\\', '/')}`;
    case 'tcp':
      return `tcp://${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
    case 'ssh':
      return `ssh://${endpoint.username ? `${endpoint.username}@` : ''}${endpoint.host}:${endpoint.port}`;
  }
}

/** The folder the docker CLI keeps its config.json and contexts in. */
export function dockerConfigDir(world: EndpointWorld): string {
  return world.env.DOCKER_CONFIG || path.join(world.homeDir, '.docker');
}

/** Socket paths tried, in order, when nothing names an endpoint. */
export function platformCandidates(world: EndpointWorld): string[] {
  const home = world.homeDir;
  switch (world.platform) {
    case 'darwin':
      return [
        path.join(home, '.docker/run/docker.sock'),
        '/var/run/docker.sock',
        path.join(home, '.colima/default/docker.sock'),
        path.join(home, '.orbstack/run/docker.sock'),
        path.join(home, '.rd/docker.sock'),
      ];
    case 'win32':
      return ['\\\\.\\pipe\\docker_engine'];
    default: {
      const candidates = ['/var/run/docker.sock'];
      if (world.env.XDG_RUNTIME_DIR) candidates.push(path.join(world.env.XDG_RUNTIME_DIR, 'docker.sock'));
      return candidates;
    }
  }
}

function envTls(world: EndpointWorld): TlsFiles | null {
  const verify = Boolean(world.env.DOCKER_TLS_VERIFY);
  if (!verify && !world.env.DOCKER_TLS) return null;
  const certDir = world.env.DOCKER_CERT_PATH || dockerConfigDir(world);
  return {
    ca: path.join(certDir, 'ca.pem'),
    cert: path.join(certDir, 'cert.pem'),
    key: path.join(certDir, 'key.pem'),
    verify,
  };
}

function info(endpoint: EngineEndpoint, source: EndpointSource, contextName: string | null): EndpointInfo {
  return {
    kind: endpoint.kind,
    url: endpointUrl(endpoint),
    source,
    contextName,
    tls: endpoint.kind === 'tcp' && endpoint.tls !== null,
  };
}

interface ContextMeta {
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** The folder name the docker CLI keeps a context under: the sha256 of its name. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** Where a context's meta.json is. */
export function contextMetaPath(world: EndpointWorld, name: string): string {
  return path.join(dockerConfigDir(world), 'contexts', 'meta', contextId(name), 'meta.json');
}

/** Reads a Docker context's endpoint from contexts/meta/<sha256(name)>/meta.json. */
export function contextEndpoint(world: EndpointWorld, name: string): EngineEndpoint {
  const configDir = dockerConfigDir(world);
  const id = contextId(name);
  const metaPath = contextMetaPath(world, name);
  const text = world.readTextFile(metaPath);
  if (text === null) {
    throw new BerthError('endpoint-invalid', `Docker context "${name}" was not found (no ${metaPath}).`);
  }
  let meta: ContextMeta;
  try {
    meta = JSON.parse(text) as ContextMeta;
  } catch {
    throw new BerthError('endpoint-invalid', `Docker context "${name}" has an unreadable ${metaPath}.`);
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) throw new BerthError('endpoint-invalid', `Docker context "${name}" has no docker endpoint.`);
  const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
  const ca = path.join(tlsDir, 'ca.pem');
  const tls: TlsFiles | null = world.exists(ca)
    ? { ca, cert: path.join(tlsDir, 'cert.pem'), key: path.join(tlsDir, 'key.pem'), verify: !docker.SkipTLSVerify }
    : null;
  return parseEndpointUrl(docker.Host, tls);
}

/**
 * The CLI's current context as config.json says it: "default" when the file or the field is
 * missing; null when the file cannot be read as JSON (e.g. a write caught half way).
 */
export function readCurrentContext(world: EndpointWorld): string | null {
  const text = world.readTextFile(path.join(dockerConfigDir(world), 'config.json'));
  if (text === null) return 'default';
  try {
    const config = JSON.parse(text) as { currentContext?: unknown } | null;
    const name = config?.currentContext;
    return typeof name === 'string' && name !== '' ? name : 'default';
  } catch {
    return null;
  }
}

/** The ssh identity files tried without an agent, in the order OpenSSH tries them. */
export function sshIdentityCandidates(world: Pick<EndpointWorld, 'homeDir'>): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((file) => path.join(world.homeDir, '.ssh', file));
}

/** How to log in to an ssh endpoint on this machine: the agent when one runs, and the key files that exist. */
export function sshAuth(world: EndpointWorld): SshAuth {
  return {
    agentSocket: world.env.SSH_AUTH_SOCK || null,
    identityFiles: sshIdentityCandidates(world).filter((file) => world.exists(file)),
    localUser: world.env.USER || world.env.LOGNAME || world.env.USERNAME || null,
  };
}

/**
 * Finds the engine endpoint the way the docker CLI does, so Berth talks to the same engine as the
 * user's terminal: the app's setting, then DOCKER_HOST, then DOCKER_CONTEXT, then the CLI's current
 * context, then the platform's usual sockets. The "default" context means "no context".
 *
 * The setting is the user's engine choice: automatic (or null) resolves as above; a context resolves
 * that Docker context (the "default" context as `docker --context default` does: DOCKER_HOST, else
 * the platform's sockets); a custom address is parsed as given. A choice that cannot be resolved is
 * reported, never silently replaced by another engine.
 */
export function resolveEndpoint(world: EndpointWorld, setting: EngineChoice | null = null): EndpointResolution {
  return withSshAuth(world, resolveWithoutAuth(world, setting));
}

function resolveWithoutAuth(world: EndpointWorld, setting: EngineChoice | null): EndpointResolution {
  try {
    if (setting?.kind === 'custom') return ok(parseEndpointUrl(setting.url), 'setting', null);
    if (setting?.kind === 'context') {
      if (setting.name !== 'default') return ok(contextEndpoint(world, setting.name), 'setting', setting.name);
      if (world.env.DOCKER_HOST)
        return ok(parseEndpointUrl(world.env.DOCKER_HOST, envTls(world)), 'setting', 'default');
      return platformDefault(world, 'setting', 'default');
    }
    if (world.env.DOCKER_HOST) return ok(parseEndpointUrl(world.env.DOCKER_HOST, envTls(world)), 'DOCKER_HOST', null);
    const envContext = world.env.DOCKER_CONTEXT;
    if (envContext && envContext !== 'default')
      return ok(contextEndpoint(world, envContext), 'DOCKER_CONTEXT', envContext);
    // An unreadable config.json is no context, as for the docker CLI (which warns and goes on).
    const configContext = envContext ? null : readCurrentContext(world);
    if (configContext && configContext !== 'default') {
      return ok(contextEndpoint(world, configContext), 'config-context', configContext);
    }
  } catch (error) {
    if (error instanceof BerthError) return { ok: false, searched: [], problem: error.toWire() };
    throw error;
  }
  return platformDefault(world, 'platform-default', null);
}

function platformDefault(world: EndpointWorld, source: EndpointSource, contextName: string | null): EndpointResolution {
  const candidates = platformCandidates(world);
  const found = candidates.find((candidate) => world.exists(candidate));
  if (found === undefined) {
    return {
      ok: false,
      searched: candidates,
      problem: {
        code: 'engine-not-found',
        message: `No Docker engine endpoint found (looked at ${candidates.join(', ')}).`,
      },
    };
  }
  const endpoint: EngineEndpoint =
    world.platform === 'win32' ? { kind: 'npipe', pipePath: found } : { kind: 'unix', socketPath: found };
  return ok(endpoint, source, contextName);
}

function withSshAuth(world: EndpointWorld, resolution: EndpointResolution): EndpointResolution {
  if (!resolution.ok || resolution.endpoint.kind !== 'ssh') return resolution;
  return { ...resolution, endpoint: { ...resolution.endpoint, auth: sshAuth(world) } };
}

function ok(endpoint: EngineEndpoint, source: EndpointSource, contextName: string | null): EndpointResolution {
  return { ok: true, endpoint, info: info(endpoint, source, contextName) };
}
