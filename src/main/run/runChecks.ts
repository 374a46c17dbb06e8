import dgram from 'node:dgram';
import net from 'node:net';
import type Docker from 'dockerode';
import { BerthError } from '../../shared/errors';
import { referenceProblemDetail } from '../../shared/i18n/referenceProblems';
import { parseImageReference } from '../../shared/imageReference';
import {
  BIND_FORBIDDEN,
  BIND_SOURCE_MISSING,
  type PortMapping,
  type RunCheckIssue,
  type RunRequest,
} from '../../shared/run';
import { bindPathIssues } from './bindPaths';

/** A container's name as `docker ps` shows it, or its short id when it has none. */
function containerName(container: Docker.ContainerInfo): string {
  return container.Names?.[0]?.replace(/^\//, '') || container.Id.slice(0, 12);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The container (any state) that already has exactly this name, if one does. */
export async function containerWithName(docker: Docker, name: string): Promise<Docker.ContainerInfo | undefined> {
  // The engine's name filter is a regular expression matched anywhere: anchor it, then compare
  // exactly. dockerd matches it against "/name", Podman against "name": the slash is optional.
  const containers = await docker.listContainers({
    all: true,
    filters: JSON.stringify({ name: [`^/?${escapeRegExp(name)}$`] }),
  });
  return containers.find((container) => container.Names?.includes(`/${name}`));
}

const wildcardIps = new Set(['', '0.0.0.0', '::']);

function ipsOverlap(a: string, b: string): boolean {
  return a === b || wildcardIps.has(a) || wildcardIps.has(b);
}

/** The running container that publishes this host port (same protocol, overlapping address), if any. */
export function containerPublishing(
  containers: Docker.ContainerInfo[],
  port: Pick<PortMapping, 'hostIp' | 'hostPort' | 'protocol'>,
): Docker.ContainerInfo | undefined {
  return containers.find((container) =>
    container.Ports?.some(
      (published) =>
        published.PublicPort === port.hostPort &&
        published.Type === port.protocol &&
        ipsOverlap(published.IP ?? '', port.hostIp),
    ),
  );
}

/**
 * Whether something on this machine already holds hostIp:hostPort: tries to bind it (and lets go at
 * once). Only EADDRINUSE counts; any other failure (e.g. EACCES below 1024) is left to the engine.
 */
export function isHostPortBound(hostIp: string, hostPort: number, protocol: 'tcp' | 'udp'): Promise<boolean> {
  return new Promise((resolve) => {
    if (protocol === 'udp') {
      const socket = dgram.createSocket(net.isIPv6(hostIp) ? 'udp6' : 'udp4');
      socket.once('error', (error: NodeJS.ErrnoException) => {
        try {
          socket.close();
        } catch {
          // Already closed by the failed bind.
        }
        resolve(error.code === 'EADDRINUSE');
      });
      socket.bind({ address: hostIp, port: hostPort, exclusive: true }, () => {
        socket.close(() => resolve(false));
      });
      return;
    }
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    server.listen({ host: hostIp, port: hostPort, exclusive: true }, () => {
      server.close(() => resolve(false));
    });
  });
}

function portText(port: PortMapping): string {
  return `${port.hostIp}:${port.hostPort}/${port.protocol}`;
}

/** What the engine and this machine say is wrong with a run before anything is created. */
export async function checkRun(docker: Docker, request: RunRequest): Promise<RunCheckIssue[]> {
  const issues: RunCheckIssue[] = [];

  const reference = parseImageReference(request.image);
  if (!reference.ok) {
    issues.push({
      field: 'image',
      code: 'reference-invalid',
      message: `"${request.image}" is not a valid image name: ${referenceProblemDetail(request.image, reference.problem)}`,
    });
  }

  const hostPorts = request.ports
    .map((port, index) => ({ port, index }))
    .filter(
      (entry): entry is { port: PortMapping & { hostPort: number }; index: number } => entry.port.hostPort !== null,
    );

  const [named, running] = await Promise.all([
    request.name ? containerWithName(docker, request.name) : Promise.resolve(undefined),
    hostPorts.length > 0 ? docker.listContainers() : Promise.resolve([]),
  ]);

  if (request.name && named) {
    const state = named.State ? ` (${named.State})` : '';
    issues.push({
      field: 'name',
      code: 'name-in-use',
      message: `The name "${request.name}" is already used by container ${named.Id.slice(0, 12)}${state}. Pick another name or remove that container.`,
    });
  }

  const bound = await Promise.all(
    hostPorts.map(({ port }) =>
      containerPublishing(running, port)
        ? Promise.resolve(true)
        : isHostPortBound(port.hostIp, port.hostPort, port.protocol),
    ),
  );
  hostPorts.forEach(({ port, index }, i) => {
    if (!bound[i]) return;
    const holder = containerPublishing(running, port);
    const holderName = holder ? containerName(holder) : null;
    issues.push({
      field: `ports.${index}.hostPort`,
      code: 'port-in-use',
      message: holderName
        ? `Host port ${portText(port)} is already published by container "${holderName}". Pick another host port or stop that container.`
        : `Host port ${portText(port)} is already in use by another program on this computer. Pick another host port.`,
      holder: holderName,
    });
  });

  // The folders to share, seen on the files: missing, or a link to a place that may not be shared.
  for (const issue of bindPathIssues(request)) {
    issues.push({
      field: issue.path,
      code: issue.message === BIND_SOURCE_MISSING ? 'folder-missing' : 'folder-forbidden',
      message: issue.detail,
      ...(issue.realPath !== undefined && { realPath: issue.realPath }),
      ...(issue.reason !== undefined && { reason: issue.reason }),
    });
  }

  return issues;
}

/** The error start() throws when the checks found problems: nothing is created. */
export function checkIssuesError(issues: RunCheckIssue[]): BerthError {
  const code = issues.some(
    (issue) =>
      issue.code === 'reference-invalid' || issue.code === 'folder-missing' || issue.code === 'folder-forbidden',
  )
    ? 'invalid-input'
    : issues.some((issue) => issue.code === 'name-in-use')
      ? 'name-in-use'
      : 'port-in-use';
  return new BerthError(
    code,
    issues.map((issue) => issue.message).join(' '),
    // A folder's issue keeps the schema's wording, which the dialog says on its row in the user's language.
    issues.map((issue) => ({
      path: issue.field,
      message:
        issue.code === 'folder-missing'
          ? BIND_SOURCE_MISSING
          : issue.code === 'folder-forbidden'
            ? BIND_FORBIDDEN
            : issue.message,
    })),
  );
}
