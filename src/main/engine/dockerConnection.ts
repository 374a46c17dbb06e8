import fs from 'node:fs';
import http from 'node:http';
import { inspect } from 'node:util';
import Docker from 'dockerode';
import type { EngineEndpoint, SshAuth } from './endpoint';

export interface ConnectionOptions {
  /** Milliseconds to wait for the connection itself; streams stay open as long as they need. */
  connectTimeoutMs?: number;
}

/**
 * Builds a dockerode client for an endpoint. Every option is passed explicitly: docker-modem
 * otherwise fills gaps from DOCKER_HOST, which would silently override the endpoint we resolved.
 */
export function createDockerClient(endpoint: EngineEndpoint, options: ConnectionOptions = {}): Docker {
  const common = {
    socketPath: undefined as string | undefined,
    host: undefined as string | undefined,
    port: undefined as number | undefined,
    protocol: undefined as 'http' | 'https' | 'ssh' | undefined,
    ca: undefined as Buffer | undefined,
    cert: undefined as Buffer | undefined,
    key: undefined as Buffer | undefined,
    username: undefined as string | undefined,
    pathPrefix: undefined as string | undefined,
    timeout: undefined,
    connectionTimeout: options.connectTimeoutMs,
  };
  // Each client gets its own connection pool: after an engine restart, Node's shared pool would
  // still hold keep-alive sockets to the dead engine, and the first request would fail with EPIPE.
  const agent = new http.Agent({ keepAlive: true });
  // docker-modem formats every request's options with util.inspect(showHidden, depth: null) for its
  // debug log, even when that log is off: walking this pool (every socket, parser and buffer) blocked
  // the main process for seconds under load. The pool describes itself in a word instead.
  Object.defineProperty(agent, inspect.custom, { value: () => 'http.Agent { keepAlive: true }' });
  switch (endpoint.kind) {
    case 'unix':
      return new Docker({ ...common, socketPath: endpoint.socketPath, agent } as Docker.DockerOptions);
    case 'npipe':
      return new Docker({ ...common, socketPath: endpoint.pipePath, agent } as Docker.DockerOptions);
    case 'tcp': {
      if (!endpoint.tls) {
        return new Docker({
          ...common,
          host: endpoint.host,
          port: endpoint.port,
          protocol: 'http',
          agent,
        } as Docker.DockerOptions);
      }
      return new Docker({
        ...common,
        host: endpoint.host,
        port: endpoint.port,
        protocol: 'https',
        ca: fs.readFileSync(endpoint.tls.ca),
        cert: fs.readFileSync(endpoint.tls.cert),
        key: fs.readFileSync(endpoint.tls.key),
        // docker-modem hands unknown options to https.request; this is how SkipTLSVerify is honoured.
        ...(endpoint.tls.verify ? {} : { checkServerIdentity: () => undefined, rejectUnauthorized: false }),
      } as Docker.DockerOptions);
    }
    case 'ssh': {
      const auth = endpoint.auth ?? { agentSocket: null, identityFiles: [], localUser: null };
      const sshOptions = sshConnectOptions(auth, options.connectTimeoutMs);
      const docker = new Docker({
        ...common,
        host: endpoint.host,
        port: endpoint.port,
        protocol: 'ssh',
        username: endpoint.username ?? auth.localUser ?? undefined,
        sshOptions,
      });
      // docker-modem merges DOCKER_HOST's ssh options (SSH_AUTH_SOCK) over ours when DOCKER_HOST is
      // an ssh URL: set them again, so the login is exactly what was resolved.
      (docker.modem as { sshOptions?: object }).sshOptions = sshOptions;
      return docker;
    }
  }
}

/** What ssh2 gets for a login: the agent when one runs, and the first key file usable without a passphrase. */
export function sshConnectOptions(
  auth: SshAuth,
  connectTimeoutMs?: number,
): { agent?: string; privateKey?: Buffer; readyTimeout?: number } {
  const privateKey = readUsableKey(auth.identityFiles);
  return {
    ...(auth.agentSocket ? { agent: auth.agentSocket } : {}),
    // ssh2 tries the key before the agent; with both, either one may be the one the server knows.
    ...(privateKey ? { privateKey } : {}),
    ...(connectTimeoutMs ? { readyTimeout: connectTimeoutMs } : {}),
  };
}

function readUsableKey(files: string[]): Buffer | undefined {
  for (const file of files) {
    let key: Buffer;
    try {
      key = fs.readFileSync(file);
    } catch {
      continue;
    }
    // A key protected by a passphrase needs the agent: ssh2 would refuse to connect at all with it.
    if (isUnencryptedPrivateKey(key.toString('utf8'))) return key;
  }
  return undefined;
}

/** True for a private key that can be used without a passphrase (OpenSSH or PEM format). */
export function isUnencryptedPrivateKey(text: string): boolean {
  const openssh = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
  if (openssh) {
    // openssh-key-v1\0, then the cipher name as an ssh string: "none" when there is no passphrase.
    const body = Buffer.from((openssh[1] ?? '').replace(/\s+/g, ''), 'base64');
    const magic = 'openssh-key-v1\0';
    if (body.subarray(0, magic.length).toString('latin1') !== magic || body.length < magic.length + 4) return false;
    const length = body.readUInt32BE(magic.length);
    const cipher = body.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1');
    return cipher === 'none';
  }
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text) || /Proc-Type:\s*4,ENCRYPTED/.test(text)) return false;
  return /-----BEGIN (RSA |EC |DSA )?PRIVATE KEY-----/.test(text);
}
