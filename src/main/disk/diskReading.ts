import type Docker from 'dockerode';
import { readSystemDf } from '../engine/systemDf';
import { familiarListedName } from '../../shared/imageReference';

/** GET /system/df as dockerd (API 1.41+) and Podman's compat API answer it, the fields Berth reads. */
export interface SystemDf {
  /** Bytes of all image layers, each once (Podman answers 0: see readDiskReading). */
  LayersSize?: number;
  Images?: DfImage[] | null;
  Containers?: DfContainer[] | null;
  Volumes?: DfVolume[] | null;
  /** null on dockerd without BuildKit records; [] on Podman, which keeps none. */
  BuildCache?: DfBuildCache[] | null;
  BuilderSize?: number;
}

export interface DfImage {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
  /** -1 when unknown. */
  SharedSize: number;
  /** How many containers use it; -1 when unknown. */
  Containers: number;
  Created?: number;
}

export interface DfContainer {
  Id: string;
  Names?: string[] | null;
  ImageID?: string;
  State: string;
  /** Omitted when 0. */
  SizeRw?: number;
}

export interface DfVolume {
  Name: string;
  UsageData?: { RefCount: number; Size: number } | null;
}

export interface DfBuildCache {
  ID: string;
  Type?: string;
  Description?: string;
  Size: number;
  InUse: boolean;
  Shared: boolean;
}

/** One reading of the engine's disk usage, normalised across engines. */
export interface DiskReading {
  measuredAt: number;
  /** Podman keeps no build cache records and reports no layer total. */
  podman: boolean;
  layersSize: number;
  images: DfImage[];
  containers: DfContainer[];
  volumes: DfVolume[];
  buildCache: DfBuildCache[];
}

/** Image ids as the image list writes them: Podman answers them without "sha256:". */
export function fullImageId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? `sha256:${id}` : id;
}

/** Tags as `docker images` writes them ("redis:latest"), without the "<none>:<none>" of an untagged image. */
export function imageTags(repoTags: readonly string[] | null | undefined): string[] {
  return (repoTags ?? []).filter((tag) => tag !== '<none>:<none>' && tag.includes(':')).map(familiarListedName);
}

/**
 * Reads GET /system/df. Podman 4 names an image's tags in df by their tag alone ("latest") and
 * reports LayersSize 0, so on Podman the tags come from GET /images/json and the layer total is the
 * images' sizes (it reports no shared sizes either).
 */
export async function readDiskReading(client: Docker, podman: boolean): Promise<DiskReading> {
  const [df, listed] = await Promise.all([
    readSystemDf(client) as Promise<SystemDf>,
    podman ? client.listImages({ all: false }) : Promise.resolve(null),
  ]);
  const tagsById = new Map((listed ?? []).map((image) => [fullImageId(image.Id), image.RepoTags ?? []]));
  const images = (df.Images ?? []).map((image) => {
    const id = fullImageId(image.Id);
    return { ...image, Id: id, RepoTags: podman ? (tagsById.get(id) ?? []) : image.RepoTags };
  });
  const layersSize = podman
    ? images.reduce((sum, image) => sum + Math.max(0, image.Size), 0)
    : Math.max(0, df.LayersSize ?? 0);
  return {
    measuredAt: Date.now(),
    podman,
    layersSize,
    images,
    containers: (df.Containers ?? []).map((container) => ({
      ...container,
      ImageID: container.ImageID ? fullImageId(container.ImageID) : container.ImageID,
    })),
    volumes: df.Volumes ?? [],
    buildCache: df.BuildCache ?? [],
  };
}
