import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownImage } from '../../../src/main/lessons/course/ownImage';
import { SITE_DOCKERFILE } from '../../../src/shared/siteExample';
import type { LessonMemory, LessonObservation, LessonWorld } from '../../../src/main/lessons/lessonDefinition';
import type { BuildJob, BuildStep, BuildStepState } from '../../../src/shared/builds';
import { image, memory, world } from './worldFixture';

const step = (id: string) => ownImage.steps.find((candidate) => candidate.id === id)!;

const STARTED = 1_799_999_000_000;
const BUSYBOX_LAYER = 'sha256:base';
const first = { id: 'sha256:aaaa1111aaaa2222', layers: [BUSYBOX_LAYER, 'sha256:copy-one'] };
const edited = { id: 'sha256:bbbb1111bbbb2222', layers: [BUSYBOX_LAYER, 'sha256:copy-two'] };

function tagged(at: number, built: { id: string; layers: string[] }, tag = 'my-site:latest'): LessonObservation {
  return { kind: 'imageTagged', at, tag, imageId: built.id, layers: built.layers };
}

const instructions = ['FROM busybox', 'COPY index.html /www/index.html', 'EXPOSE 8080', 'CMD ["httpd"]'];
function buildStep(index: number, state: BuildStepState, rerunReason: BuildStep['rerunReason'] = null): BuildStep {
  return {
    index,
    instruction: instructions[index - 1]!,
    line: index,
    endLine: index,
    state,
    startedAt: null,
    durationMs: 1,
    output: [],
    outputTruncated: false,
    imageId: null,
    layerBytes: null,
    rerunReason,
  };
}

function job(startedAt: number, imageId: string, states: BuildStepState[], parts: Partial<BuildJob> = {}): BuildJob {
  return {
    id: `build-${startedAt}`,
    options: {
      contextPath: '/home/me/my-site',
      dockerfile: 'Dockerfile',
      tag: 'my-site',
      buildArgs: [],
      target: '',
      noCache: false,
      pull: false,
    },
    state: 'done',
    builder: 'classic',
    context: { files: 2, bytes: 1200 },
    steps: states.map((state, position) =>
      buildStep(position + 1, state, state === 'ran' ? (position === 1 ? 'files-changed' : 'after-change') : null),
    ),
    startedAt,
    finishedAt: startedAt + 500,
    imageId,
    tags: ['my-site'],
    notes: [],
    failure: null,
    error: null,
    ...parts,
  };
}

const site = (id = first.id, tags = ['my-site:latest']) => image({ id, repoTags: tags });

/** The memory once the build step turned done at `at` with the first image. */
const afterBuild = (at: number, extra: Partial<LessonMemory> = {}): LessonMemory =>
  memory({ startedAt: STARTED, doneAt: { build: at }, notes: { firstImageId: first.id }, ...extra });

/** The memory once the rebuild step turned done, as its remember left it. */
function afterRebuild(seen: LessonWorld, builtAt: number): LessonMemory {
  const built = afterBuild(builtAt);
  const notes = step('rebuild').remember!(seen, built);
  return { ...built, doneAt: { ...built.doneAt, rebuild: seen.now }, notes: { ...built.notes, ...notes } };
}

describe('lesson 5, your own image', () => {
  it('is built once an image is tagged my-site, by any engine’s name for it', () => {
    expect(step('build').done(world({ images: [image({ repoTags: ['busybox:latest'] })] }), memory())).toBe(false);
    expect(step('build').done(world({ images: [image({ repoTags: ['my-site-2:latest'] })] }), memory())).toBe(false);
    expect(step('build').done(world({ images: [site()] }), memory())).toBe(true);
    // Podman names an image built as my-site localhost/my-site.
    expect(step('build').done(world({ images: [site(first.id, ['localhost/my-site:latest'])] }), memory())).toBe(true);
    expect(step('build').remember!(world({ images: [site()] }), memory())).toEqual({ firstImageId: first.id });
  });

  it('is rebuilt from the cache once the first image is tagged my-site again after the build', () => {
    const builtAt = STARTED + 10_000;
    const firstTag = tagged(builtAt - 5, first);
    const seenOnce = world({ images: [site()], observations: [firstTag] });
    // The first build's own tag is not a rebuild.
    expect(step('rebuild').done(seenOnce, afterBuild(builtAt))).toBe(false);
    const again = tagged(builtAt + 4_000, first);
    expect(
      step('rebuild').done(world({ images: [site()], observations: [firstTag, again] }), afterBuild(builtAt)),
    ).toBe(true);
    // Built before the lesson started (no tag seen then): the retag after the build step is enough.
    expect(step('rebuild').done(world({ images: [site()], observations: [again] }), afterBuild(builtAt))).toBe(true);
    // Another id tagged after the build (an edit first) is not a cached rebuild.
    const other = tagged(builtAt + 4_000, edited);
    expect(
      step('rebuild').done(world({ images: [site()], observations: [firstTag, other] }), afterBuild(builtAt)),
    ).toBe(false);
    // Another image's tags do not count, nor tags from before the lesson started.
    const elsewhere = tagged(builtAt + 4_000, first, 'other-site:latest');
    expect(
      step('rebuild').done(world({ images: [site()], observations: [firstTag, elsewhere] }), afterBuild(builtAt)),
    ).toBe(false);
    const old = [tagged(STARTED - 9_000, first), tagged(STARTED - 8_000, first)];
    expect(step('rebuild').done(world({ images: [site()], observations: old }), afterBuild(Number.NaN))).toBe(false);
  });

  it('is rebuilt when every step of the same id was tagged twice, even when the build step saw the last image', () => {
    // The learner built, rebuilt and edited before Berth looked: the first two tags tell the rebuild.
    const builtAt = STARTED + 10_000;
    const observations = [
      tagged(STARTED + 1_000, first),
      tagged(STARTED + 2_000, first),
      tagged(STARTED + 3_000, edited),
    ];
    const seen = world({ now: builtAt, images: [site(edited.id)], observations });
    const remembered = memory({ startedAt: STARTED, doneAt: { build: builtAt }, notes: { firstImageId: edited.id } });
    expect(step('rebuild').done(seen, remembered)).toBe(true);
    const rebuilt = { ...remembered, notes: { ...remembered.notes, ...step('rebuild').remember!(seen, remembered) } };
    expect(rebuilt.notes).toMatchObject({ rebuiltImageId: first.id, rebuiltAt: STARTED + 2_000 });
    expect(step('edit').done(seen, rebuilt)).toBe(true);
  });

  it('is rebuilt from Berth’s build job whose every step was CACHED, not one where a step ran', () => {
    const builtAt = STARTED + 10_000;
    const firstJob = job(builtAt - 2_000, first.id, ['cached', 'ran', 'ran', 'ran']);
    const cached = job(builtAt + 3_000, first.id, ['cached', 'cached', 'cached', 'cached']);
    expect(step('rebuild').done(world({ images: [site()], builds: [firstJob] }), afterBuild(builtAt))).toBe(false);
    expect(step('rebuild').done(world({ images: [site()], builds: [cached, firstJob] }), afterBuild(builtAt))).toBe(
      true,
    );
    const failed = { ...cached, state: 'failed' as const };
    expect(step('rebuild').done(world({ images: [site()], builds: [failed, firstJob] }), afterBuild(builtAt))).toBe(
      false,
    );
    const otherTag = { ...cached, tags: ['their-site'] };
    expect(step('rebuild').done(world({ images: [site()], builds: [otherTag, firstJob] }), afterBuild(builtAt))).toBe(
      false,
    );
  });

  it('sees the edit as a new id that shares the first layers of the rebuilt image but not all', () => {
    const builtAt = STARTED + 10_000;
    const observations = [tagged(builtAt - 5, first), tagged(builtAt + 4_000, first)];
    const rebuiltWorld = world({ now: builtAt + 4_100, images: [site()], observations });
    const remembered = afterRebuild(rebuiltWorld, builtAt);
    expect(remembered.notes.rebuiltLayers).toBe(first.layers.join(' '));
    expect(step('edit').done(rebuiltWorld, remembered)).toBe(false);

    const editedTag = tagged(builtAt + 9_000, edited);
    expect(
      step('edit').done(world({ images: [site(edited.id)], observations: [...observations, editedTag] }), remembered),
    ).toBe(true);
    // Nothing shared: another base image (FROM changed), not the cache at work.
    const unrelated = tagged(builtAt + 9_000, { id: 'sha256:cccc', layers: ['sha256:alpine', 'sha256:copy'] });
    expect(step('edit').done(world({ observations: [...observations, unrelated] }), remembered)).toBe(false);
    // Every layer shared: nothing the steps make changed (only a retag or --no-cache).
    const sameLayers = tagged(builtAt + 9_000, { id: 'sha256:dddd', layers: first.layers });
    expect(step('edit').done(world({ observations: [...observations, sameLayers] }), remembered)).toBe(false);
    expect(
      ownImage.facts!(world({ images: [site(edited.id)] }), {
        ...remembered,
        notes: {
          ...remembered.notes,
          ...step('edit').remember!(
            world({ images: [site(edited.id)], observations: [...observations, editedTag] }),
            remembered,
          ),
        },
      }),
    ).toMatchObject({
      firstImageId: 'aaaa1111aaaa',
      rebuiltImageId: 'aaaa1111aaaa',
      editedImageId: 'bbbb1111bbbb',
    });
  });

  it('sees the edit in Berth’s build job: first steps CACHED, the later ones ran, not --no-cache', () => {
    const builtAt = STARTED + 10_000;
    const cached = job(builtAt + 3_000, first.id, ['cached', 'cached', 'cached', 'cached']);
    const rebuiltWorld = world({ now: builtAt + 3_600, images: [site()], builds: [cached] });
    const remembered = afterRebuild(rebuiltWorld, builtAt);
    const afterEdit = job(builtAt + 9_000, edited.id, ['cached', 'ran', 'ran', 'ran']);
    expect(step('edit').done(world({ images: [site(edited.id)], builds: [afterEdit, cached] }), remembered)).toBe(true);
    const noCache = job(builtAt + 9_000, edited.id, ['cached', 'ran', 'ran', 'ran'], {
      steps: instructions.map((_, position) => buildStep(position + 1, position === 0 ? 'cached' : 'ran', 'no-cache')),
    });
    expect(step('edit').done(world({ builds: [noCache, cached] }), remembered)).toBe(false);
    const allRan = job(builtAt + 9_000, edited.id, ['ran', 'ran', 'ran', 'ran']);
    expect(step('edit').done(world({ builds: [allRan, cached] }), remembered)).toBe(false);
    // The rebuild's own job again is not an edit.
    expect(step('edit').done(world({ builds: [cached] }), remembered)).toBe(false);
  });

  it('tells the folder in the commands and opens the built image', () => {
    expect(step('build').commands(world(), memory())).toEqual(['docker build -t my-site .']);
    expect(step('build').commands(world(), memory({ folder: '/home/me/my site' }))).toEqual([
      'cd "/home/me/my site"',
      'docker build -t my-site .',
    ]);
    expect(step('build').screen(world(), memory({ folder: '/home/me/my-site' }))).toBe(
      '#/build/%2Fhome%2Fme%2Fmy-site',
    );
    expect(step('build').screen(world({ images: [site()] }), memory())).toBe(
      `#/images/${encodeURIComponent(first.id)}`,
    );
    expect(ownImage.example).toBe('static-site');
  });

  it('shows the example’s own Dockerfile to type by hand', () => {
    const example = readFileSync('resources/examples/static-site/Dockerfile', 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .join('\n');
    expect(SITE_DOCKERFILE.trim()).toBe(example.trim());
  });
});
