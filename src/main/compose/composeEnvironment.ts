import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { endpointUrl, type EngineEndpoint, type TlsFiles } from '../engine/endpoint';

export type Environment = Record<string, string | undefined>;

/**
 * The folder to give as DOCKER_CERT_PATH: the CLI and compose read ca.pem, cert.pem and key.pem
 * from one folder, by those names. Endpoints from DOCKER_CERT_PATH and from contexts always have
 * them so. Otherwise (files named or placed differently) Berth links them under those names into a
 * private folder of its own (0700, in the OS temp folder) and gives that; the files themselves
 * are not copied.
 */
export function certFolderFor(tls: TlsFiles, makeFolder: () => string = privateFolder): string {
  const folder = path.dirname(tls.ca);
  const sameFolder = path.dirname(tls.cert) === folder && path.dirname(tls.key) === folder;
  const usualNames =
    path.basename(tls.ca) === 'ca.pem' &&
    path.basename(tls.cert) === 'cert.pem' &&
    path.basename(tls.key) === 'key.pem';
  if (sameFolder && usualNames) return folder;
  const linked = makeFolder();
  fs.symlinkSync(tls.ca, path.join(linked, 'ca.pem'));
  fs.symlinkSync(tls.cert, path.join(linked, 'cert.pem'));
  fs.symlinkSync(tls.key, path.join(linked, 'key.pem'));
  return linked;
}

function privateFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-tls-'));
}

/** Variables of the user's shell that would point compose elsewhere than Berth's engine, or change its output. */
const overridden = [
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_TLS',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  // Berth passes -p and -f itself.
  'COMPOSE_PROJECT_NAME',
  'COMPOSE_FILE',
  // Set, it makes the plugin binary believe the docker CLI started it (and wait for "compose" first).
  'DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND',
];

/**
 * The environment the compose command runs with: the user's own (PATH, HOME, proxies, ssh agent),
 * pointed at exactly the engine Berth is connected to, its output plain text.
 * - DOCKER_CONTEXT is removed, so a context of the user's cannot win over DOCKER_HOST.
 * - unix:///path, tcp://host:port (with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH when the endpoint
 *   uses TLS, DOCKER_TLS=1 without verification), ssh://user@host:port, npipe:////./pipe/name.
 * - COMPOSE_ANSI=never (v2; v1 gets its flag, composeGlobalArgs) and no colours.
 */
export function composeEnvironment(
  base: Readonly<Environment>,
  endpoint: EngineEndpoint,
  certFolder: (tls: TlsFiles) => string = (tls) => certFolderFor(tls),
): Environment {
  const env: Environment = { ...base };
  for (const name of overridden) delete env[name];
  env.DOCKER_HOST = endpointUrl(endpoint);
  if (endpoint.kind === 'tcp' && endpoint.tls) {
    env.DOCKER_CERT_PATH = certFolder(endpoint.tls);
    if (endpoint.tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
  }
  env.COMPOSE_ANSI = 'never';
  env.NO_COLOR = '1';
  // docker-compose v1 is Python: without a terminal it would hold its stdout lines back in a buffer.
  env.PYTHONUNBUFFERED = '1';
  return env;
}

/** The flags before the verb that keep compose's output plain: `--ansi never` (v2, v1 since 1.28), else `--no-ansi`. */
export function plainOutputArgs(major: number, version: string): string[] {
  if (major >= 2) return ['--ansi', 'never'];
  const minor = Number(/^1\.(\d+)/.exec(version)?.[1] ?? '0');
  return minor >= 28 ? ['--ansi', 'never'] : ['--no-ansi'];
}
