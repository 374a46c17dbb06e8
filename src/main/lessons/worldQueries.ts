import type { ContainerSummary } from '../../shared/containers';
import type { LocalImage } from '../../shared/images';
import type { RunFlow } from '../../shared/run';
import { familiarRepository, parseImageReference } from '../../shared/imageReference';
import { localWebAddress } from '../../shared/portText';
import type { Volume, VolumeUser } from '../../shared/volumes';
import { HELPER_NAME_PREFIX } from '../volumes/volumeHelper';
import type { LessonWorld } from './lessonDefinition';

/**
 * Questions the lessons ask of the world, each answered once here. Image names are compared as the
 * CLI reads them: redis, redis:latest, docker.io/library/redis:7 are all the repository redis.
 */

/** The repository of a reference ("redis" for docker.io/library/redis:7); null when it is not one. */
export function repositoryOf(reference: string): string | null {
  const parsed = parseImageReference(reference);
  return parsed.ok ? familiarRepository(parsed.reference) : null;
}

/** The local images with a tag of this repository ("redis"). */
export function imagesOf(world: LessonWorld, repository: string): LocalImage[] {
  return world.images.filter((image) => image.repoTags.some((tag) => repositoryOf(tag) === repository));
}

/**
 * The containers made from this repository: by the name they were run with, or by the image id of
 * one of its local tags (a container run by id, or whose tag moved on, still counts by its id).
 */
export function containersOf(world: LessonWorld, repository: string): ContainerSummary[] {
  const ids = new Set(imagesOf(world, repository).map((image) => image.id));
  return world.containers.filter(
    (container) => repositoryOf(container.image) === repository || ids.has(container.imageId),
  );
}

export function running(containers: readonly ContainerSummary[]): ContainerSummary[] {
  return containers.filter((container) => container.state === 'running');
}

/** The engine answers: every lesson needs it, and no step is checked without it. */
export function engineConnected(world: LessonWorld): boolean {
  return world.engine.state === 'connected';
}

/**
 * How far the engine's clock (a container's created time, in whole seconds) may run behind the
 * app's: a container made as the lesson started, or on an engine in a VM whose clock lags by a few
 * seconds, still counts; one made a minute before (someone else's) does not.
 */
const CLOCK_SLACK_MS = 10_000;

/** The containers created since a moment (ms since the epoch), allowing for the engine's clock. */
export function createdSince(containers: readonly ContainerSummary[], at: number): ContainerSummary[] {
  return containers.filter((container) => container.created * 1000 >= at - CLOCK_SLACK_MS);
}

/** "sha256:abc…" → "abc…" (12 characters), as `docker images` and `docker ps` show an id. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * The repository of an image the learner built and named: Podman names `podman build -t my-site`
 * localhost/my-site, which the learner (and dockerd) call my-site.
 */
export function builtRepositoryOf(reference: string): string | null {
  const repository = repositoryOf(reference);
  return repository?.startsWith('localhost/') ? repository.slice('localhost/'.length) : repository;
}

/** The containers that ran to the end and exited with code 0, newest first. */
export function exitedOk(containers: readonly ContainerSummary[]): ContainerSummary[] {
  return containers
    .filter((container) => container.state === 'exited' && container.exitCode === 0)
    .sort((a, b) => b.created - a.created);
}

/** Berth's run flows of this repository (newest first, as world.runs keeps them). */
export function runsOf(world: LessonWorld, repository: string): RunFlow[] {
  return world.runs.filter((flow) => repositoryOf(flow.image) === repository);
}

/** How many image ids the start of two layer lists shares: the base image and the steps that came from the cache. */
export function sharedLayerCount(a: readonly string[], b: readonly string[]): number {
  let count = 0;
  while (count < a.length && count < b.length && a[count] === b[count]) count += 1;
  return count;
}

/** The volume of this name; null when there is none. */
export function volumeNamed(world: LessonWorld, name: string): Volume | null {
  return world.volumes.find((volume) => volume.name === name) ?? null;
}

/**
 * The containers (running or not) that mount the volume, without Berth's own file helpers: the
 * volumeFiles probe and the Volumes page's file browser mount it for a while, and they are not the
 * learner's.
 */
export function volumeUsers(world: LessonWorld, name: string): VolumeUser[] {
  return (volumeNamed(world, name)?.containers ?? []).filter((user) => !user.name.startsWith(HELPER_NAME_PREFIX));
}

/**
 * A container's published TCP ports a browser on this computer opens at localhost (the ones
 * published on every address or on the loopback), each host port once: the engine lists an IPv4
 * and an IPv6 binding of one port apart.
 */
export function webPorts(container: ContainerSummary): number[] {
  const ports = container.ports.filter((port) => localWebAddress(port) !== null).map((port) => port.publicPort);
  return [...new Set(ports.filter((port): port is number => port !== null))];
}
