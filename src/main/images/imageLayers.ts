import type Docker from 'dockerode';
import type { z } from 'zod';
import type { ImageLayer, ImageLayers, imageLayersInputSchema } from '../../shared/builds';
import { BerthError } from '../../shared/errors';
import { familiarListedName } from '../../shared/imageReference';
import { mapLimited } from '../../shared/mapLimited';
import { engineError, engineStatus, notFound } from '../engine/engineErrors';
import { metadataKeywords } from '../../shared/dockerfile';
import { historyInstruction } from './historyInstruction';

export type ImageLayersInput = z.input<typeof imageLayersInputSchema>;

export interface ImageLayersServiceOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  /** How many other images are inspected at once to find the layers they share. Default 4. */
  concurrency?: number;
}

/** One entry of GET /images/{id}/history, as dockerd and Podman answer it. */
interface HistoryEntry {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Size?: number;
}

/**
 * Whether a history step made a layer. History does not say (the image config's empty_layer is not
 * in the answer), so it is read from the step: any bytes make a layer; a metadata instruction (ENV,
 * CMD, LABEL…) with none never does; a RUN, COPY, ADD or WORKDIR with 0 bytes may have made an
 * empty layer or none (the classic builder keeps no layer for a RUN that changed nothing, and one of
 * 0 B for a WORKDIR that made its folder): the count of the image's layers decides.
 */
type StepKind = 'layer' | 'metadata' | 'either';

function stepKind(bytes: number, keyword: string | null): StepKind {
  if (bytes > 0) return 'layer';
  if (keyword !== null && metadataKeywords.has(keyword)) return 'metadata';
  return 'either';
}

/** An image id (sha256:…, or a prefix) or a reference (registry/name:tag@digest): what GET /images/{name} takes. */
const imageKey = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;

/** "sha256:<64 hex>" as dockerd writes ids (Podman's history leaves the prefix off); null for "<missing>". */
function fullId(id: string | undefined): string | null {
  if (!id || id === '<missing>') return null;
  return /^[0-9a-f]{64}$/.test(id) ? `sha256:${id}` : id;
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function familiarTags(repoTags: readonly string[] | undefined | null): string[] {
  return (repoTags ?? [])
    .filter((tag) => tag !== '<none>:<none>')
    .map(familiarListedName)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * Which steps made a layer, matched to RootFS.Layers in order: for each step, how many of the
 * image's layers exist once it is done (its chain's length), and whether it made one. Null when the
 * steps that surely made a layer, and those that may have, cannot add up to the image's layer count.
 */
export function matchLayers(
  kinds: readonly StepKind[],
  layerCount: number,
): { madeLayer: boolean[]; chainLength: number[] } | null {
  const sure = kinds.filter((kind) => kind === 'layer').length;
  const either = kinds.filter((kind) => kind === 'either').length;
  let eitherMadeLayer: boolean;
  if (sure === layerCount) eitherMadeLayer = false;
  else if (sure + either === layerCount) eitherMadeLayer = true;
  else return null;
  const madeLayer = kinds.map((kind) => kind === 'layer' || (kind === 'either' && eitherMadeLayer));
  let count = 0;
  const chainLength = madeLayer.map((made) => (count += made ? 1 : 0));
  return { madeLayer, chainLength };
}

/**
 * The layers view of a local image (`docker history`, oldest first), with the other local images
 * that share each layer and every layer below it: those are stored once on disk.
 */
export class ImageLayersService {
  private readonly getClient: () => Docker;
  private readonly concurrency: number;
  /** RootFS.Layers by image id: an id names its content, so what it says never changes. */
  private readonly chains = new Map<string, string[]>();

  constructor(options: ImageLayersServiceOptions) {
    this.getClient = options.getClient;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  /** GET /images/{id}/json and /history, then every other local image's layers: 'images.layers'. */
  async layers(input: ImageLayersInput): Promise<ImageLayers> {
    // The id goes into the request's path as it is: anything but an image id or reference ("..", "?",
    // spaces) names no image, and is answered without asking the engine.
    if (!imageKey.test(input.id) || input.id.split('/').includes('..')) {
      throw new BerthError('not-found', `There is no image ${JSON.stringify(input.id)}.`);
    }
    const client = this.getClient();
    const image = client.getImage(input.id);
    let inspect: Docker.ImageInspectInfo;
    let history: HistoryEntry[];
    try {
      [inspect, history] = await Promise.all([image.inspect(), image.history() as Promise<HistoryEntry[]>]);
    } catch (error) {
      throw engineError(error, `Reading the layers of ${input.id}`, [notFound(`image ${input.id}`)]);
    }
    const id = fullId(inspect.Id) ?? inspect.Id;
    const chain = inspect.RootFS?.Layers ?? [];
    this.chains.set(id, chain);

    // The engine answers newest first; a learner reads a Dockerfile from the top, the base first.
    const steps = [...(history ?? [])].reverse().map((entry) => {
      const bytes = Math.max(0, entry.Size ?? 0);
      const { instruction, keyword, buildArgs } = historyInstruction(entry.CreatedBy ?? '');
      return { entry, bytes, instruction, keyword, buildArgs, kind: stepKind(bytes, keyword) };
    });
    const matched = matchLayers(
      steps.map((step) => step.kind),
      chain.length,
    );
    const shared = matched ? await this.sharedPrefixes(client, id, chain) : [];
    // The newest step left the image itself. dockerd names it so; Podman names each step by the image
    // before it (its Comment says "FROM <that id>"), so when the newest is not the image, no step id is trusted.
    const stepIdsTrusted = steps.length > 0 && fullId(steps.at(-1)!.entry.Id) === id;

    const layers = steps.map((step, index): ImageLayer => {
      // Unmatched, an empty WORKDIR reads as the setting it is, an empty RUN or COPY as a layer of 0 B.
      const madeLayer = matched
        ? matched.madeLayer[index]!
        : step.kind === 'layer' || (step.kind === 'either' && step.keyword !== 'WORKDIR');
      const chainLength = matched?.chainLength[index] ?? 0;
      return {
        instruction: step.instruction,
        buildArgs: step.buildArgs,
        bytes: step.bytes,
        created: step.entry.Created ?? 0,
        metadataOnly: !madeLayer,
        imageId: index === steps.length - 1 ? id : stepIdsTrusted ? fullId(step.entry.Id) : null,
        sharedWith:
          matched && madeLayer
            ? shared.filter((other) => other.commonLength >= chainLength).flatMap((other) => other.names)
            : [],
      };
    });
    return {
      id,
      repoTags: familiarTags(inspect.RepoTags),
      layers,
      sharingKnown: matched !== null,
      sharedBytes: layers.reduce((sum, layer) => sum + (layer.sharedWith.length > 0 ? layer.bytes : 0), 0),
      totalBytes: layers.reduce((sum, layer) => sum + layer.bytes, 0),
    };
  }

  /**
   * Every other local image (tagged or not; not the build's intermediate ones) with how many of this
   * image's layers, from the base up, it has too. Names: its tags, or its short id.
   */
  private async sharedPrefixes(
    client: Docker,
    id: string,
    chain: readonly string[],
  ): Promise<Array<{ names: string[]; tagged: boolean; base: boolean; commonLength: number }>> {
    if (chain.length === 0) return [];
    let listed: Docker.ImageInfo[];
    try {
      listed = await client.listImages({ all: false });
    } catch (error) {
      throw engineError(error, 'Listing the local images');
    }
    const others = listed
      .map((other) => ({ id: fullId(other.Id) ?? other.Id, tags: familiarTags(other.RepoTags) }))
      .filter((other) => other.id !== id);
    // Forget images that are gone, so the cache holds no more than the local image cache does.
    const present = new Set([id, ...others.map((other) => other.id)]);
    for (const cached of this.chains.keys()) if (!present.has(cached)) this.chains.delete(cached);

    const chains = await mapLimited(others, this.concurrency, (other) => this.chainOf(client, other.id));
    return (
      others
        .map((other, index) => {
          const otherChain = chains[index];
          let common = 0;
          while (
            otherChain &&
            common < chain.length &&
            common < otherChain.length &&
            otherChain[common] === chain[common]
          ) {
            common += 1;
          }
          return {
            names: other.tags.length > 0 ? other.tags : [shortId(other.id)],
            tagged: other.tags.length > 0,
            // All of its layers are this image's lowest ones: it is what this image was built FROM.
            base: otherChain !== null && otherChain !== undefined && common === otherChain.length,
            commonLength: common,
          };
        })
        .filter((other) => other.commonLength > 0)
        // The images this one was built on first (the nearest first), then tagged images by name, then untagged by id.
        .sort(
          (a, b) =>
            Number(b.base) - Number(a.base) ||
            (a.base ? b.commonLength - a.commonLength : 0) ||
            Number(b.tagged) - Number(a.tagged) ||
            a.names[0]!.localeCompare(b.names[0]!),
        )
    );
  }

  /** An image's RootFS.Layers (cached by id); null when it went away meanwhile. */
  private async chainOf(client: Docker, id: string): Promise<string[] | null> {
    const cached = this.chains.get(id);
    if (cached) return cached;
    try {
      const inspect = await client.getImage(id).inspect();
      const chain = inspect.RootFS?.Layers ?? [];
      this.chains.set(id, chain);
      return chain;
    } catch (error) {
      if (engineStatus(error) === 404) return null;
      throw engineError(error, `Reading the layers of ${shortId(id)}`);
    }
  }
}
