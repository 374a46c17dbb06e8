import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pullJobSchema, type PullJob } from '../../src/shared/pulls';
import { createNdjsonParser } from '../../src/main/engine/ndjson';
import {
  applyPullMessage,
  createPullProgress,
  finishPull,
  SPEED_WINDOW_MS,
  type PullProgress,
} from '../../src/main/images/pullProgress';

/**
 * Recorded from the real engine (Docker 20.10, API 1.41) with
 *   docker rmi redis
 *   curl --unix-socket /var/run/docker.sock -X POST 'http://localhost/images/create?fromImage=redis&tag=latest'
 * pull-mixed.ndjson is a pull whose base layer (busybox's) was already in the cache, and
 * pull-redis-up-to-date.ndjson a second pull of redis.
 */
const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const REDIS_DIGEST = 'sha256:e438337131ae552d7d4bedc05732ae3790fbc617818b8ce5b2d28dfb4e1fd8e4';
const REDIS_LAYERS = { '3c74ac3be499': 6426524, '9a4c27cec64e': 1134414, e071f942ddc2: 357 };

const START = 1_000_000;

/** Feeds the bytes in chunks of `chunkSize` through the real NDJSON parser; each message 50 ms after the last. */
function replay(bytes: Uint8Array, chunkSize: number, stepMs = 50) {
  let progress = createPullProgress({ id: 'job-1', reference: 'redis:latest', startedAt: START });
  let now = START;
  const jobs: PullJob[] = [];
  const parser = createNdjsonParser((value) => {
    now += stepMs;
    progress = applyPullMessage(progress, value, now);
    jobs.push(progress.job);
  });
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    parser.push(bytes.subarray(offset, offset + chunkSize));
  parser.end();
  return { progress, jobs };
}

describe('pull progress reducer, replaying a real pull of redis', () => {
  const bytes = fixture('pull-redis.ndjson');

  it('ends done, downloaded-newer, with the digest and every layer complete', () => {
    const { progress } = replay(bytes, bytes.length);
    const job = progress.job;
    expect(pullJobSchema.parse(job)).toEqual(job);
    expect(job.state).toBe('done');
    expect(job.outcome).toBe('downloaded-newer');
    expect(job.digest).toBe(REDIS_DIGEST);
    expect(job.error).toBeNull();
    expect(job.finishedAt).toBeGreaterThan(job.startedAt);
    expect(job.layers.map((layer) => layer.id)).toEqual(Object.keys(REDIS_LAYERS));
    for (const layer of job.layers) {
      const size = REDIS_LAYERS[layer.id as keyof typeof REDIS_LAYERS];
      expect(layer).toEqual({ id: layer.id, state: 'pull-complete', downloaded: size, size, extracted: size });
    }
    const total = Object.values(REDIS_LAYERS).reduce((a, b) => a + b, 0);
    expect(job.bytesTotal).toBe(total);
    expect(job.bytesDone).toBe(total);
    expect(job.percent).toBe(100);
    expect(job.speed).toBe(0);
  });

  it('gives the same states whether a message arrives whole or split across chunks', () => {
    const whole = replay(bytes, bytes.length).jobs;
    for (const chunkSize of [1, 7, 64, 333]) {
      expect(replay(bytes, chunkSize).jobs).toEqual(whole);
    }
  });

  it('keeps percent monotone non-decreasing, below 100 until the final status, 100 at the end', () => {
    const { jobs } = replay(bytes, 13);
    const percents = jobs.map((job) => job.percent);
    for (let i = 1; i < percents.length; i += 1) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]!);
    expect(percents.at(-1)).toBe(100);
    const beforeStatus = jobs.slice(0, -1);
    expect(beforeStatus.every((job) => job.percent < 100 && job.state === 'pulling')).toBe(true);
    // It moves: download and extraction both count.
    expect(new Set(percents).size).toBeGreaterThan(5);
  });

  it('follows each layer through the states the engine names', () => {
    const { jobs } = replay(bytes, bytes.length);
    const seen = new Map<string, string[]>();
    for (const job of jobs) {
      for (const layer of job.layers) {
        const states = seen.get(layer.id) ?? [];
        if (states.at(-1) !== layer.state) states.push(layer.state);
        seen.set(layer.id, states);
      }
    }
    expect(seen.get('3c74ac3be499')).toEqual([
      'pulling-fs-layer',
      'downloading',
      'verifying-checksum',
      'download-complete',
      'extracting',
      'pull-complete',
    ]);
    // While downloading, downloaded/size come from progressDetail.
    const downloading = jobs.find((job) => job.layers.find((l) => l.id === '3c74ac3be499')?.state === 'downloading');
    expect(downloading?.layers.find((l) => l.id === '3c74ac3be499')).toMatchObject({
      downloaded: 69180,
      size: 6426524,
      extracted: 0,
    });
    const extracting = jobs.find((job) => job.layers.find((l) => l.id === '3c74ac3be499')?.extracted === 1114112);
    expect(extracting?.layers.find((l) => l.id === '3c74ac3be499')).toMatchObject({
      state: 'extracting',
      downloaded: 6426524,
    });
  });

  it('does not drop the bar when a bigger layer reports its size after a smaller one', () => {
    const { jobs } = replay(bytes, bytes.length);
    // Line 5: the 1.1 MB layer is 36 KB in; line 6: the 6.4 MB layer's size becomes known.
    const [afterSmall, afterBig] = [jobs[4]!, jobs[5]!];
    expect(afterSmall.bytesTotal).toBe(1134414);
    expect(afterBig.bytesTotal).toBe(1134414 + 6426524);
    expect(afterBig.percent).toBeGreaterThanOrEqual(afterSmall.percent);
  });

  it('never mutates a job it already returned', () => {
    const text = bytes.toString('utf8').split('\n').filter(Boolean);
    let progress = createPullProgress({ id: 'x', reference: 'redis:latest', startedAt: START });
    const snapshots: Array<{ job: PullJob; json: string }> = [];
    for (const [index, line] of text.entries()) {
      progress = applyPullMessage(progress, JSON.parse(line), START + index);
      snapshots.push({ job: progress.job, json: JSON.stringify(progress.job) });
    }
    for (const snapshot of snapshots) expect(JSON.stringify(snapshot.job)).toBe(snapshot.json);
  });
});

describe('pull progress reducer, other real sequences', () => {
  it('counts an "Already exists" layer without a size, and a download the engine completes without a last "Downloading"', () => {
    const { progress, jobs } = replay(fixture('pull-mixed.ndjson'), 17);
    const job = progress.job;
    expect(job.state).toBe('done');
    expect(job.outcome).toBe('downloaded-newer');
    expect(job.digest).toBe('sha256:f8ccdeca65e82ee72a1d05193af506687468cb97557edb2b8f6bad5db3117cac');
    expect(job.layers).toEqual([
      { id: 'a74debbcdaa0', state: 'already-exists', downloaded: 0, size: null, extracted: 0 },
      { id: '0211fa833c33', state: 'pull-complete', downloaded: 300291, size: 300291, extracted: 300291 },
      { id: '7b7e907751a7', state: 'pull-complete', downloaded: 112, size: 112, extracted: 112 },
    ]);
    expect(job.bytesTotal).toBe(300291 + 112);
    expect(job.bytesDone).toBe(job.bytesTotal);
    // "Download complete" came after "Downloading 3678/300291": complete means the whole layer.
    const completed = jobs.find((j) => j.layers.find((l) => l.id === '0211fa833c33')?.state === 'download-complete');
    expect(completed?.layers.find((l) => l.id === '0211fa833c33')?.downloaded).toBe(300291);
    const percents = jobs.map((j) => j.percent);
    for (let i = 1; i < percents.length; i += 1) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]!);
  });

  it('says up-to-date with the digest and no layers on a second pull', () => {
    const { progress } = replay(fixture('pull-redis-up-to-date.ndjson'), 5);
    expect(progress.job).toMatchObject({
      state: 'done',
      outcome: 'up-to-date',
      digest: REDIS_DIGEST,
      layers: [],
      percent: 100,
      bytesDone: 0,
      bytesTotal: 0,
    });
  });

  it('fails on an error line inside the 200 stream and ignores what follows', () => {
    // The engine's last line after its retries when the registry went away mid-pull (recorded).
    const lines = [
      '{"status":"Pulling from library/redis","id":"latest"}',
      '{"status":"Pulling fs layer","progressDetail":{},"id":"3c74ac3be499"}',
      '{"status":"Retrying in 5 seconds","progressDetail":{},"id":"3c74ac3be499"}',
      '{"errorDetail":{"message":"dial tcp 127.0.0.1:36435: connect: connection refused"},"error":"dial tcp 127.0.0.1:36435: connect: connection refused"}',
      '{"status":"Status: Downloaded newer image for redis:latest"}',
    ];
    const { progress } = replay(Buffer.from(lines.join('\n') + '\n'), 9);
    expect(progress.job.state).toBe('failed');
    expect(progress.job.outcome).toBeNull();
    expect(progress.job.error?.code).toBe('network-unreachable');
    expect(progress.job.error?.message).toContain('connection refused');
    // "Retrying in 5 seconds" keeps the layer as it was.
    expect(progress.job.layers).toEqual([
      { id: '3c74ac3be499', state: 'pulling-fs-layer', downloaded: 0, size: null, extracted: 0 },
    ]);
  });

  it("reads Podman's stream: no sizes (bytesKnown stays false, no percent, speed or time left) and no final status", () => {
    // Recorded from Podman 4.3.1 (POST /images/create of a two-layer image absent from its store):
    // no "Downloading" lines, the image's config blob listed like a layer, and no "Status:" line.
    const { progress, jobs } = replay(fixture('pull-podman.ndjson'), 23);
    expect(progress.job.state).toBe('pulling');
    expect(
      jobs.every((job) => !job.bytesKnown && job.percent === 0 && job.speed === 0 && job.secondsLeft === null),
    ).toBe(true);
    expect(progress.job.layers.map((layer) => [layer.id, layer.state])).toEqual([
      ['e0769c098b60', 'download-complete'],
      ['bf9455b08871', 'download-complete'],
      ['cc6b2758c682', 'download-complete'],
    ]);

    // What the engine has afterwards decides (pullManager inspects the image): done.
    const imageId = 'sha256:cc6b2758c682d2197418c9282d5799dd624168699c4e0d648617fb500b11c931';
    const digest = 'sha256:f6a8254a8675179f4b46f11d02c753447dd0f138c6b268dd018805af90653616';
    const done = finishPull(progress, { state: 'done', outcome: 'downloaded-newer', digest, imageId }, START + 999);
    expect(pullJobSchema.parse(done.job)).toEqual(done.job);
    expect(done.job).toMatchObject({ state: 'done', outcome: 'downloaded-newer', digest, percent: 100, error: null });
    // The config blob is not a layer; the layers are in the store, so they are complete.
    expect(done.job.layers).toEqual([
      { id: 'e0769c098b60', state: 'pull-complete', downloaded: 0, size: null, extracted: 0 },
      { id: 'bf9455b08871', state: 'pull-complete', downloaded: 0, size: null, extracted: 0 },
    ]);
  });

  it("knows the bytes once dockerd reports a layer's size, and keeps the stream's digest over the engine's", () => {
    let progress = createPullProgress({ id: 'd', reference: 'x:latest', startedAt: START });
    progress = applyPullMessage(progress, { status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' }, START + 1);
    expect(progress.job.bytesKnown).toBe(false);
    const downloading = { status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 10, total: 100 } };
    progress = applyPullMessage(progress, downloading, START + 2);
    expect(progress.job.bytesKnown).toBe(true);
    progress = applyPullMessage(progress, { status: 'Digest: sha256:from-stream' }, START + 3);
    const done = finishPull(
      progress,
      { state: 'done', outcome: 'downloaded-newer', digest: 'sha256:other' },
      START + 4,
    );
    expect(done.job.digest).toBe('sha256:from-stream');
  });

  it('maps "Waiting" (more layers than concurrent downloads) and ignores lines it does not know', () => {
    let progress = createPullProgress({ id: 'w', reference: 'x:latest', startedAt: START });
    progress = applyPullMessage(progress, { status: 'Waiting', progressDetail: {}, id: 'aaaaaaaaaaaa' }, START + 1);
    progress = applyPullMessage(progress, 'not an object', START + 2);
    progress = applyPullMessage(progress, { status: 'Something new', id: 'aaaaaaaaaaaa' }, START + 3);
    expect(progress.job.layers).toEqual([
      { id: 'aaaaaaaaaaaa', state: 'waiting', downloaded: 0, size: null, extracted: 0 },
    ]);
  });
});

describe('speed and time left', () => {
  const downloading = (progress: PullProgress, current: number, at: number, total = 10_000_000) =>
    applyPullMessage(progress, { status: 'Downloading', progressDetail: { current, total }, id: 'layer1' }, at);

  it('measures bytes per second over the last few seconds and the time left at that speed', () => {
    let progress = createPullProgress({ id: 's', reference: 'x:latest', startedAt: START });
    // 100 KB/s for 5 s, then 1 MB/s for 3 s: the window only sees the fast part.
    let bytes = 0;
    for (let t = 1; t <= 5; t += 1) progress = downloading(progress, (bytes += 100_000), START + t * 1000);
    expect(progress.job.speed).toBeCloseTo(100_000, -2);
    for (let t = 6; t <= 8; t += 1) progress = downloading(progress, (bytes += 1_000_000), START + t * 1000);
    expect(progress.job.speed).toBeCloseTo(1_000_000, -2);
    expect(progress.samples.every((s) => s.at >= START + 8000 - SPEED_WINDOW_MS)).toBe(true);
    expect(progress.job.secondsLeft).toBeCloseTo((10_000_000 - bytes) / 1_000_000, 1);
  });

  it('has no time left while the speed is zero or no size is known', () => {
    let progress = createPullProgress({ id: 's', reference: 'x:latest', startedAt: START });
    expect(progress.job.secondsLeft).toBeNull();
    progress = applyPullMessage(
      progress,
      { status: 'Pulling fs layer', progressDetail: {}, id: 'layer1' },
      START + 500,
    );
    expect(progress.job.speed).toBe(0);
    expect(progress.job.secondsLeft).toBeNull();
  });

  it('starts over when a retried layer downloads from zero again', () => {
    let progress = createPullProgress({ id: 's', reference: 'x:latest', startedAt: START });
    progress = downloading(progress, 500_000, START + 1000);
    progress = downloading(progress, 0, START + 2000);
    expect(progress.job.speed).toBeGreaterThanOrEqual(0);
    progress = downloading(progress, 200_000, START + 3000);
    expect(progress.job.speed).toBeCloseTo(200_000, -2);
  });
});

describe('finishPull', () => {
  it('cancels with the given error, keeps the layers, and leaves a finished job unchanged', () => {
    let progress = createPullProgress({ id: 'c', reference: 'redis:latest', startedAt: START });
    progress = applyPullMessage(
      progress,
      { status: 'Downloading', progressDetail: { current: 5, total: 10 }, id: 'l' },
      START + 10,
    );
    const cancelled = finishPull(
      progress,
      { state: 'cancelled', error: { code: 'cancelled', message: 'x' } },
      START + 20,
    );
    expect(cancelled.job).toMatchObject({
      state: 'cancelled',
      finishedAt: START + 20,
      speed: 0,
      secondsLeft: null,
      error: { code: 'cancelled', message: 'x' },
    });
    expect(cancelled.job.layers).toEqual(progress.job.layers);
    expect(finishPull(cancelled, { state: 'done', outcome: 'up-to-date' }, START + 30)).toBe(cancelled);
    expect(applyPullMessage(cancelled, { status: 'Status: Downloaded newer image for redis:latest' }, START + 40)).toBe(
      cancelled,
    );
  });
});
