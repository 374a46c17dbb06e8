import type { ContainerSummary } from '../../../shared/containers';
import type { LessonDefinition, LessonMemory, LessonWorld, ProbeAnswer, ProbeRequest } from '../lessonDefinition';
import { containersOf, imagesOf, running, volumeNamed, volumeUsers, webPorts } from '../worldQueries';

/** The image lesson 5 builds from resources/examples/static-site: busybox httpd serving a page on 8080. */
export const SITE_IMAGE = 'my-site';
/**
 * The volume the lesson writes into. Named by the text, so the lesson never writes into (nor reads
 * as its own) a volume the learner keeps for something else, and every later step follows it.
 */
export const NOTES_VOLUME = 'berth-notes';
/** The file the write step's command makes; the checks take whatever file the volume holds. */
export const NOTES_FILE = 'hello.txt';
/** A container's creation time is the engine's clock, in seconds; a little slack for the two clocks. */
const CLOCK_SLACK_MS = 5_000;

/** Podman names a local build localhost/my-site. */
const SITE_REPOSITORIES = [SITE_IMAGE, `localhost/${SITE_IMAGE}`];

/**
 * The running containers that publish a web port: those made since the lesson started (any image:
 * the learner may pick their own), or one of my-site from lesson 5 (run before, it counts too).
 * Others' older containers do not count, so a web server left running elsewhere does not do the step.
 */
export function publishedSites(world: LessonWorld, memory: LessonMemory): ContainerSummary[] {
  const sites = new Set(
    SITE_REPOSITORIES.flatMap((repository) => containersOf(world, repository)).map((container) => container.id),
  );
  return running([...world.containers]).filter(
    (container) =>
      webPorts(container).length > 0 &&
      (sites.has(container.id) || container.created * 1000 >= memory.startedAt - CLOCK_SLACK_MS),
  );
}

const pageProbeKey = (container: ContainerSummary, port: number) => `page:${container.id}:${port}`;
const notesProbeKey = `files:${NOTES_VOLUME}:/`;

/** The first published site whose page answered 2xx, with its port. */
function answeringPage(world: LessonWorld, memory: LessonMemory): { container: ContainerSummary; port: number } | null {
  for (const container of publishedSites(world, memory)) {
    for (const port of webPorts(container)) {
      if (world.probes[pageProbeKey(container, port)]?.ok) return { container, port };
    }
  }
  return null;
}

/** The names in the volume's top folder, as the volumeFiles probe listed them (folders without their slash). */
function notesFiles(world: LessonWorld): string[] | null {
  const answer: ProbeAnswer | undefined = world.probes[notesProbeKey];
  if (!answer?.ok || volumeNamed(world, NOTES_VOLUME) === null) return null;
  return answer.output
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => line !== '');
}

/** The file the lesson follows: the one the write step saw (hello.txt when it is there). */
function noteFile(memory: LessonMemory): string {
  const file = memory.notes.file;
  return typeof file === 'string' && file !== '' ? file : NOTES_FILE;
}

/**
 * A container of the volume that ran to its end with exit code 0 and whose command names the file
 * without writing it (no ">"): a `cat` (or `head`, `ls`…) that found the file.
 */
function readers(world: LessonWorld, memory: LessonMemory): ContainerSummary[] {
  const users = new Set(volumeUsers(world, NOTES_VOLUME).map((user) => user.id));
  const file = noteFile(memory);
  return world.containers.filter(
    (container) =>
      users.has(container.id) &&
      container.state === 'exited' &&
      container.exitCode === 0 &&
      container.command.includes(file) &&
      !container.command.includes('>'),
  );
}

/**
 * Lesson 6, ports and volumes. A published port makes a container's server a page this computer
 * opens; a named volume keeps files apart from every container, so they outlive the one that wrote
 * them. Done from the containers' port bindings, the page's answer (an HTTP probe) and the volume's
 * contents (a volumeFiles probe).
 */
export const portsAndVolumes: LessonDefinition = {
  id: 'portsAndVolumes',
  steps: [
    {
      // -p host:container: the engine forwards the host's port to the container's.
      id: 'run',
      commands: () => [`docker run -d --name my-site -p 8080:8080 ${SITE_IMAGE}`],
      screen: (world, memory) => {
        const site = publishedSites(world, memory)[0];
        return site ? `#/containers?show=${encodeURIComponent(site.name)}` : '#/containers';
      },
      done: (world, memory) => publishedSites(world, memory).length > 0,
      remember: (world, memory): Record<string, string | number> => {
        const site = publishedSites(world, memory)[0];
        return site ? { container: site.name } : {};
      },
    },
    {
      // The engine cannot see a browser: Berth opens the page the way a browser does (an HTTP GET).
      id: 'open',
      commands: (world, memory) => {
        const site = publishedSites(world, memory)[0];
        return [`curl http://localhost:${site ? (webPorts(site)[0] ?? 8080) : 8080}`];
      },
      screen: (world, memory) => {
        const site = publishedSites(world, memory)[0];
        return site ? `#/containers?show=${encodeURIComponent(site.name)}` : '#/containers';
      },
      done: (world, memory) => answeringPage(world, memory) !== null,
      remember: (world, memory): Record<string, string | number> => {
        const page = answeringPage(world, memory);
        return page ? { port: page.port } : {};
      },
    },
    {
      id: 'volume',
      commands: () => [`docker volume create ${NOTES_VOLUME}`],
      screen: (world) => (volumeNamed(world, NOTES_VOLUME) ? `#/volumes/${NOTES_VOLUME}` : '#/volumes'),
      done: (world) => volumeNamed(world, NOTES_VOLUME) !== null,
    },
    {
      // A container that mounts the volume at /data and writes a file there.
      id: 'write',
      commands: () => [
        `docker run --name notes-writer -v ${NOTES_VOLUME}:/data busybox sh -c "echo hello > /data/${NOTES_FILE}"`,
      ],
      screen: () => `#/volumes/${NOTES_VOLUME}`,
      done: (world) => (notesFiles(world)?.length ?? 0) > 0,
      remember: (world): Record<string, string> => {
        const files = notesFiles(world) ?? [];
        const file = files.includes(NOTES_FILE) ? NOTES_FILE : (files[0] ?? NOTES_FILE);
        // The container that wrote it, for the remove step's command once it is gone.
        const writer = volumeUsers(world, NOTES_VOLUME)[0]?.name;
        return writer ? { file, writer } : { file };
      },
    },
    {
      // The container goes; the volume is not part of it and keeps the file.
      id: 'remove',
      commands: (world, memory) => {
        const writer = typeof memory.notes.writer === 'string' ? memory.notes.writer : 'notes-writer';
        // Once done, the command that did it; the reader of the next step uses the volume then.
        const users = memory.doneAt.remove === undefined ? volumeUsers(world, NOTES_VOLUME) : [];
        if (users.length === 0) return [`docker rm ${writer}`];
        const force = users.some((user) => user.running) ? '-f ' : '';
        return [`docker rm ${force}${users.map((user) => user.name).join(' ')}`];
      },
      screen: (world) => {
        const user = volumeUsers(world, NOTES_VOLUME)[0];
        return user ? `#/containers?show=${encodeURIComponent(user.name)}` : `#/volumes/${NOTES_VOLUME}`;
      },
      done: (world, memory) =>
        volumeNamed(world, NOTES_VOLUME) !== null &&
        volumeUsers(world, NOTES_VOLUME).length === 0 &&
        (notesFiles(world)?.includes(noteFile(memory)) ?? false),
    },
    {
      // A new container, with an empty layer of its own, finds the file in the volume.
      id: 'read',
      commands: (_world, memory) => [
        `docker run --name notes-reader -v ${NOTES_VOLUME}:/data busybox cat /data/${noteFile(memory)}`,
      ],
      screen: (world, memory) => {
        const reader = readers(world, memory)[0];
        return reader ? `#/containers?show=${encodeURIComponent(reader.name)}` : `#/volumes/${NOTES_VOLUME}`;
      },
      done: (world, memory) => readers(world, memory).length > 0,
      remember: (world, memory): Record<string, string | number> => {
        const reader = readers(world, memory)[0];
        return reader ? { reader: reader.name } : {};
      },
    },
  ],
  unmet: (world, memory) =>
    // The run step's command runs lesson 5's image; once a site is published, it is not needed.
    memory.doneAt.run === undefined &&
    SITE_REPOSITORIES.every((repository) => imagesOf(world, repository).length === 0) &&
    publishedSites(world, memory).length === 0
      ? [{ kind: 'lesson', lesson: 'ownImage' }]
      : [],
  probes: (world, memory) => {
    const probes: ProbeRequest[] = [];
    if (memory.doneAt.open === undefined) {
      for (const container of publishedSites(world, memory)) {
        for (const port of webPorts(container)) {
          probes.push({ kind: 'http', key: pageProbeKey(container, port), host: '127.0.0.1', port, path: '/' });
        }
      }
    }
    // The write and remove steps read the volume's files (the read step looks at the reader's exit code).
    if (memory.doneAt.volume !== undefined && memory.doneAt.remove === undefined && volumeNamed(world, NOTES_VOLUME)) {
      probes.push({ kind: 'volumeFiles', key: notesProbeKey, volume: NOTES_VOLUME, path: '/' });
    }
    return probes;
  },
  facts: (world, memory) => {
    const facts: Record<string, string> = { volume: NOTES_VOLUME, file: noteFile(memory) };
    const site = publishedSites(world, memory)[0];
    const container = site?.name ?? memory.notes.container;
    if (typeof container === 'string') facts.container = container;
    const port = typeof memory.notes.port === 'number' ? memory.notes.port : site ? webPorts(site)[0] : undefined;
    if (port !== undefined) {
      facts.port = String(port);
      facts.url = `http://localhost:${port}`;
    }
    if (typeof memory.notes.reader === 'string') facts.reader = memory.notes.reader;
    return facts;
  },
};
