import type Docker from 'dockerode';
import { dialStream } from '../engine/dialStream';

/**
 * Buildah's working containers on Podman. A build's RUN steps run in one ("busybox-working-container")
 * that the Docker-compatible API does not list, and when the client goes away Podman lets the running
 * command finish before it drops the build: a cancelled build would leave it for that long. Podman's
 * own API (libpod, versioned: it answers 404 without the version) lists them (external=true) and removes them.
 */

interface ListedContainer {
  Id: string;
  State?: string;
  Command?: string[] | null;
}

/** The ids of Buildah's working containers now; null when the engine cannot say. */
export async function buildahContainerIds(client: Docker, signal?: AbortSignal): Promise<Set<string> | null> {
  try {
    const response = await dialStream(client, {
      path: '/v4.0.0/libpod/containers/json?',
      method: 'GET',
      signal: signal ?? new AbortController().signal,
      statusCodes: { 200: true },
      options: { all: true, external: true },
    });
    let body = '';
    for await (const chunk of response) body += String(chunk);
    const listed = JSON.parse(body) as ListedContainer[];
    return new Set(
      listed
        .filter((container) => container.State === 'storage' && container.Command?.[0] === 'buildah')
        .map((container) => container.Id),
    );
  } catch {
    return null;
  }
}

/** Removes a working container (force: its command may still run). */
export async function removeBuildahContainer(client: Docker, id: string): Promise<void> {
  try {
    const response = await dialStream(client, {
      path: `/v4.0.0/libpod/containers/${encodeURIComponent(id)}?`,
      method: 'DELETE',
      signal: new AbortController().signal,
      statusCodes: { 200: true, 204: true, 404: 'no such container' },
      options: { force: true },
    });
    response.resume();
  } catch {
    // Gone already.
  }
}
