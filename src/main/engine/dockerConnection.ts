import fs from 'node:fs';
import http from 'node:http';
import Docker from 'dockerode';
import type { EngineEndpoint } from './endpoint';

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
    case 'ssh':
      return new Docker({
        ...common,
        host: endpoint.host,
        port: endpoint.port,
        protocol: 'ssh',
        username: endpoint.username ?? undefined,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      });
  }
}
