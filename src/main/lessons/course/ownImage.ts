import type { BuildJob } from '../../../shared/builds';
import { SITE_IMAGE } from '../../../shared/siteExample';
import type { LessonDefinition, LessonMemory, LessonObservation, LessonWorld } from '../lessonDefinition';
import { builtRepositoryOf, sharedLayerCount } from '../worldQueries';

/** What a step remembers when it turns done. */
type Notes = LessonMemory['notes'];

const BUILD_COMMAND = `docker build -t ${SITE_IMAGE} .`;

type ImageTagged = Extract<LessonObservation, { kind: 'imageTagged' }>;

/** A build whose result the next step compares against: its image id, when, and its layers (when seen). */
interface SiteBuild {
  imageId: string;
  at: number;
  layers: readonly string[];
}

const isSite = (name: string) => builtRepositoryOf(name) === SITE_IMAGE;
const sameId = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.replace(/^sha256:/, '') === b.replace(/^sha256:/, '');
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function siteImage(world: LessonWorld) {
  return world.images.find((image) => image.repoTags.some(isSite));
}

/** Every time an image was tagged my-site since the lesson started (a build's last act), oldest first. */
function siteTags(world: LessonWorld, memory: LessonMemory): ImageTagged[] {
  return world.observations.filter(
    (seen): seen is ImageTagged => seen.kind === 'imageTagged' && isSite(seen.tag) && seen.at >= memory.startedAt,
  );
}

/** Berth's finished builds of my-site since the lesson started, oldest first. */
function siteJobs(world: LessonWorld, memory: LessonMemory): BuildJob[] {
  return world.builds
    .filter((job) => job.state === 'done' && job.tags.some(isSite) && job.startedAt >= memory.startedAt)
    .sort((a, b) => a.startedAt - b.startedAt);
}

/** The layers an image had when it was tagged my-site, when Berth saw it tagged. */
function layersOf(world: LessonWorld, memory: LessonMemory, imageId: string): readonly string[] {
  return siteTags(world, memory).find((seen) => sameId(seen.imageId, imageId))?.layers ?? [];
}

/** Every step came from the build cache (the classic builder's "Using cache"; FROM takes the local base). */
function allCached(job: BuildJob): boolean {
  return job.steps.length > 0 && job.steps.every((step) => step.state === 'cached');
}

/** The steps before some point came from the build cache, the ones from it on ran (and not for --no-cache). */
function cachedThenRan(job: BuildJob): boolean {
  const firstRan = job.steps.findIndex((step) => step.state === 'ran');
  return (
    firstRan > 0 &&
    job.steps.slice(0, firstRan).every((step) => step.state === 'cached') &&
    !job.steps.some((step) => step.rerunReason === 'no-cache')
  );
}

/**
 * The fully cached rebuild: the image built first tagged my-site again after it (a cached build
 * makes no new image, so the same id is tagged again), or one tag of an id tagged my-site before
 * (the first build seen too). Or Berth's build of my-site whose every step was CACHED.
 */
function rebuildOf(world: LessonWorld, memory: LessonMemory): SiteBuild | null {
  const builtAt = memory.doneAt.build ?? Number.POSITIVE_INFINITY;
  const firstId = String(memory.notes.firstImageId ?? '');
  const tags = siteTags(world, memory);
  const again = tags.find(
    (seen, index) =>
      (sameId(seen.imageId, firstId) && seen.at > builtAt) ||
      tags.slice(0, index).some((before) => sameId(before.imageId, seen.imageId)),
  );
  if (again) return { imageId: again.imageId, at: again.at, layers: again.layers };
  const job = siteJobs(world, memory).find((candidate) => candidate.startedAt > builtAt && allCached(candidate));
  if (!job?.imageId) return null;
  return { imageId: job.imageId, at: job.finishedAt ?? job.startedAt, layers: layersOf(world, memory, job.imageId) };
}

/** The rebuild remembered when that step turned done. */
function rememberedRebuild(memory: LessonMemory): SiteBuild | null {
  const { rebuiltImageId, rebuiltAt, rebuiltLayers } = memory.notes;
  if (typeof rebuiltImageId !== 'string' || typeof rebuiltAt !== 'number') return null;
  const layers = typeof rebuiltLayers === 'string' && rebuiltLayers !== '' ? rebuiltLayers.split(' ') : [];
  return { imageId: rebuiltImageId, at: rebuiltAt, layers };
}

/**
 * The edit: after the rebuild, my-site tagged on a new image id that starts with some of the
 * rebuilt image's layers (the base image's, the steps before the edit, from the build cache) but
 * not all of them (the edited step's layer is new). Or Berth's build of my-site after the rebuild
 * whose first steps were CACHED and later ones ran.
 */
function editOf(world: LessonWorld, memory: LessonMemory): SiteBuild | null {
  const previous = rememberedRebuild(memory);
  if (!previous) return null;
  const edited = siteTags(world, memory).find((seen) => {
    if (seen.at <= previous.at || sameId(seen.imageId, previous.imageId) || previous.layers.length === 0) return false;
    const shared = sharedLayerCount(seen.layers, previous.layers);
    return shared > 0 && shared < previous.layers.length;
  });
  if (edited) return { imageId: edited.imageId, at: edited.at, layers: edited.layers };
  const job = siteJobs(world, memory).find(
    (candidate) =>
      candidate.startedAt > previous.at && !sameId(candidate.imageId, previous.imageId) && cachedThenRan(candidate),
  );
  if (!job?.imageId) return null;
  return { imageId: job.imageId, at: job.finishedAt ?? job.startedAt, layers: layersOf(world, memory, job.imageId) };
}

/** A folder as a shell line takes it: quoted when it has spaces or other special characters. */
function shellPath(folder: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(folder) ? folder : `"${folder.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The image's layers page when it exists (what the step made), else the Build page with the folder open. */
function screenOf(imageId: string | null | undefined, memory: LessonMemory): string {
  if (imageId) return `#/images/${encodeURIComponent(imageId)}`;
  return memory.folder ? `#/build/${encodeURIComponent(memory.folder)}` : '#/build';
}

/**
 * Lesson 5, your own image: the static-site example (FROM busybox, COPY index.html, EXPOSE, CMD)
 * built as my-site, built again with every step from the build cache, and built after an edit that
 * makes the edited step and the ones after it run again. The CLI's builds are seen as the image
 * events' tags (classic builder or BuildKit alike); Berth's builds also as its build jobs.
 *
 * No { kind: 'folder' } need: in a terminal the learner makes the folder by hand (the intro shows
 * both files), so only Berth's way needs the copied example, and its step action asks for it.
 */
export const ownImage: LessonDefinition = {
  id: 'ownImage',
  example: 'static-site',
  steps: [
    {
      id: 'build',
      commands: (_world, memory) =>
        memory.folder ? [`cd ${shellPath(memory.folder)}`, BUILD_COMMAND] : [BUILD_COMMAND],
      screen: (world, memory) => screenOf(siteImage(world)?.id, memory),
      done: (world) => siteImage(world) !== undefined,
      remember: (world): Notes => {
        const image = siteImage(world);
        return image ? { firstImageId: image.id } : {};
      },
    },
    {
      id: 'rebuild',
      commands: () => [BUILD_COMMAND],
      screen: (world, memory) => screenOf(rebuildOf(world, memory)?.imageId, memory),
      done: (world, memory) => rebuildOf(world, memory) !== null,
      remember: (world, memory): Notes => {
        const rebuild = rebuildOf(world, memory);
        if (!rebuild) return {};
        return { rebuiltImageId: rebuild.imageId, rebuiltAt: rebuild.at, rebuiltLayers: rebuild.layers.join(' ') };
      },
    },
    {
      id: 'edit',
      commands: () => [BUILD_COMMAND],
      screen: (world, memory) => screenOf(editOf(world, memory)?.imageId ?? siteImage(world)?.id, memory),
      done: (world, memory) => editOf(world, memory) !== null,
      remember: (world, memory): Notes => {
        const edit = editOf(world, memory);
        return edit ? { editedImageId: edit.imageId } : {};
      },
    },
  ],
  facts: (world, memory) => {
    const facts: Record<string, string> = { image: SITE_IMAGE };
    const { firstImageId, rebuiltImageId, editedImageId } = memory.notes;
    const current = siteImage(world);
    if (typeof firstImageId === 'string') facts.firstImageId = shortId(firstImageId);
    else if (current) facts.firstImageId = shortId(current.id);
    if (typeof rebuiltImageId === 'string') facts.rebuiltImageId = shortId(rebuiltImageId);
    if (typeof editedImageId === 'string') facts.editedImageId = shortId(editedImageId);
    if (memory.folder) facts.folder = memory.folder;
    return facts;
  },
};
