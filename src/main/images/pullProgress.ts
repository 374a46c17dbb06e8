import type { WireError } from '../../shared/errors';
import type { LayerState, PullJob, PullLayer } from '../../shared/pulls';
import { classifyPullMessage } from './classifyPullError';

/**
 * The pure half of a pull: one progress message of POST /images/create in, the job's next state
 * out. No engine, no clock of its own (the caller passes `now`), no mutation: every call returns
 * new objects, so a job handed to a listener never changes under it.
 */

/** One line of the engine's pull stream, as far as Berth reads it. */
export interface PullMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

export interface PullProgress {
  job: PullJob;
  /** (time, bytesDone) samples over the last SPEED_WINDOW_MS, for the speed. */
  samples: ReadonlyArray<{ at: number; bytes: number }>;
}

/** Speed is measured over this sliding window. */
export const SPEED_WINDOW_MS = 3000;
/** Percent stays below this until the engine's final status says the image is there. */
const MAX_PERCENT_WHILE_PULLING = 99;

const layerStates: Record<string, LayerState> = {
  Waiting: 'waiting',
  'Pulling fs layer': 'pulling-fs-layer',
  Downloading: 'downloading',
  'Verifying Checksum': 'verifying-checksum',
  'Download complete': 'download-complete',
  Extracting: 'extracting',
  'Pull complete': 'pull-complete',
  'Already exists': 'already-exists',
};

export function createPullProgress(init: { id: string; reference: string; startedAt: number }): PullProgress {
  return {
    job: {
      id: init.id,
      reference: init.reference,
      state: 'pulling',
      layers: [],
      percent: 0,
      bytesKnown: false,
      bytesDone: 0,
      bytesTotal: 0,
      speed: 0,
      secondsLeft: null,
      startedAt: init.startedAt,
      finishedAt: null,
      digest: null,
      outcome: null,
      error: null,
    },
    samples: [{ at: init.startedAt, bytes: 0 }],
  };
}

/** Applies one parsed line of the stream. Lines after the job finished change nothing. */
export function applyPullMessage(progress: PullProgress, value: unknown, now: number): PullProgress {
  if (progress.job.state !== 'pulling') return progress;
  if (typeof value !== 'object' || value === null) return progress;
  const message = value as PullMessage;

  // Every line is checked: a failure arrives inside the HTTP 200 stream.
  const errorText = message.errorDetail?.message ?? message.error;
  if (typeof errorText === 'string' || message.errorDetail) {
    return finishPull(progress, { state: 'failed', error: classifyPullMessage(String(errorText ?? '')) }, now);
  }

  const status = typeof message.status === 'string' ? message.status : '';
  if (status.startsWith('Digest: ')) {
    return { ...progress, job: { ...progress.job, digest: status.slice('Digest: '.length).trim() } };
  }
  if (status.startsWith('Status: Downloaded newer image')) {
    return finishPull(progress, { state: 'done', outcome: 'downloaded-newer' }, now);
  }
  if (status.startsWith('Status: Image is up to date')) {
    return finishPull(progress, { state: 'done', outcome: 'up-to-date' }, now);
  }

  const state = layerStates[status];
  // "Pulling from library/redis" carries the tag as its id; "Retrying in 5 seconds" keeps the layer as it was.
  if (!state || typeof message.id !== 'string' || message.id === '') return progress;
  const layers = updateLayers(progress.job.layers, message.id, state, message.progressDetail);
  return measure(progress, layers, now);
}

export type PullEnding =
  | {
      state: 'done';
      outcome: 'downloaded-newer' | 'up-to-date';
      /** The digest the engine has for the reference, when the stream did not say it. */
      digest?: string | null;
      /** The pulled image's id, when the engine was asked (see completeLayers). */
      imageId?: string;
    }
  | { state: 'failed'; error: WireError }
  | { state: 'cancelled'; error?: WireError };

/** The job's final state. A finished job stays as it is. */
export function finishPull(progress: PullProgress, ending: PullEnding, now: number): PullProgress {
  if (progress.job.state !== 'pulling') return progress;
  const { job } = progress;
  const base = { ...job, state: ending.state, speed: 0, finishedAt: now };
  if (ending.state === 'done') {
    const layers = completeLayers(job.layers, ending.imageId);
    return {
      samples: [],
      job: {
        ...base,
        layers,
        outcome: ending.outcome,
        digest: job.digest ?? ending.digest ?? null,
        percent: 100,
        secondsLeft: 0,
        error: null,
      },
    };
  }
  return { samples: [], job: { ...base, secondsLeft: null, error: ending.error ?? null } };
}

/**
 * The layers of a pull that is done: the image is in the engine's store, so every layer it
 * downloaded is complete, whether or not the engine said "Pull complete" (Podman stops at
 * "Download complete"). Podman also lists the image's config blob, whose short id is the image's:
 * it is not a layer.
 */
function completeLayers(layers: readonly PullLayer[], imageId: string | undefined): PullLayer[] {
  const configId = imageId?.replace(/^sha256:/, '').slice(0, 12);
  return layers
    .filter((layer) => layer.id !== configId)
    .map((layer) => {
      if (layer.state === 'already-exists' || layer.state === 'pull-complete') return layer;
      const size = layer.size;
      return size === null
        ? { ...layer, state: 'pull-complete' as const }
        : { ...layer, state: 'pull-complete' as const, downloaded: size, extracted: size };
    });
}

function updateLayers(
  layers: readonly PullLayer[],
  id: string,
  state: LayerState,
  detail: PullMessage['progressDetail'],
): PullLayer[] {
  const index = layers.findIndex((layer) => layer.id === id);
  const previous: PullLayer = index === -1 ? { id, state, downloaded: 0, size: null, extracted: 0 } : layers[index]!;
  const current = finite(detail?.current);
  const total = finite(detail?.total);
  const next: PullLayer = { ...previous, state };
  switch (state) {
    case 'downloading':
      if (total !== null && total > 0) next.size = total;
      if (current !== null) next.downloaded = current;
      break;
    case 'verifying-checksum':
    case 'download-complete':
      // The engine may skip the last "Downloading" line: a complete download is the whole layer.
      if (next.size !== null) next.downloaded = next.size;
      break;
    case 'extracting':
      // Extraction reads the compressed layer: its total is the layer's size.
      if (next.size === null && total !== null && total > 0) next.size = total;
      if (next.size !== null) next.downloaded = next.size;
      if (current !== null) next.extracted = current;
      break;
    case 'pull-complete':
      if (next.size !== null) {
        next.downloaded = next.size;
        next.extracted = next.size;
      }
      break;
    default:
      break;
  }
  if (next.size !== null) {
    next.downloaded = Math.min(next.downloaded, next.size);
    next.extracted = Math.min(next.extracted, next.size);
  }
  if (index === -1) return [...layers, next];
  const copy = layers.slice();
  copy[index] = next;
  return copy;
}

function measure(progress: PullProgress, layers: PullLayer[], now: number): PullProgress {
  let bytesTotal = 0;
  let bytesDone = 0;
  let extracted = 0;
  for (const layer of layers) {
    if (layer.size === null) continue;
    bytesTotal += layer.size;
    bytesDone += layer.downloaded;
    extracted += layer.extracted;
  }
  // Progress units: each sized layer counts twice, once downloaded and once extracted. A layer
  // whose size becomes known later would make the fraction drop: the bar never goes back.
  const fraction = bytesTotal > 0 ? (bytesDone + extracted) / (2 * bytesTotal) : 0;
  const percent = Math.max(progress.job.percent, Math.min(MAX_PERCENT_WHILE_PULLING, round(fraction * 100)));
  const bytesKnown = progress.job.bytesKnown || bytesTotal > 0;

  const samples = windowSamples(progress.samples, { at: now, bytes: bytesDone });
  const first = samples[0]!;
  const seconds = (now - first.at) / 1000;
  const speed = seconds > 0 ? Math.max(0, (bytesDone - first.bytes) / seconds) : progress.job.speed;
  const secondsLeft = speed > 0 && bytesTotal > 0 ? Math.max(0, bytesTotal - bytesDone) / speed : null;
  return {
    samples,
    job: { ...progress.job, layers, bytesKnown, bytesDone, bytesTotal, percent, speed: round(speed), secondsLeft },
  };
}

/** Keeps the samples of the last window plus the one just before it, the baseline the speed is measured from. */
function windowSamples(
  samples: PullProgress['samples'],
  sample: { at: number; bytes: number },
): PullProgress['samples'] {
  const last = samples[samples.length - 1];
  // A layer that restarts its download (the engine retries) makes the bytes go back: start over.
  if (last && sample.bytes < last.bytes) return [sample];
  const kept = [...samples, sample];
  let start = 0;
  while (start + 1 < kept.length && kept[start + 1]!.at <= sample.at - SPEED_WINDOW_MS) start += 1;
  return kept.slice(start);
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
