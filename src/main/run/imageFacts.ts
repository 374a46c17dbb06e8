import type Docker from 'dockerode';
import { DEFAULT_DOMAIN, parseImageReference } from '../../shared/imageReference';
import type { ExposedPorts, ImageSource } from '../../shared/run';
import { engineStatus } from '../engine/engineErrors';

interface RegistryConfig {
  Mirrors?: string[] | null;
  IndexConfigs?: Record<string, { Mirrors?: string[] | null } | null> | null;
}

/**
 * Where the engine pulls an image from: the registry named in the reference, through the mirrors GET
 * /info lists for it. dockerd lists Docker Hub's mirrors in RegistryConfig.Mirrors and under
 * IndexConfigs["docker.io"]; Podman only under IndexConfigs (for any registry). An engine that does
 * not say (or /info failing) means no mirror is known: the registry itself is named.
 */
export async function imageSource(docker: Docker, domain: string): Promise<ImageSource> {
  let mirrors: string[] = [];
  try {
    const info = (await docker.info()) as { RegistryConfig?: RegistryConfig | null };
    const config = info.RegistryConfig;
    const indexed = config?.IndexConfigs?.[domain]?.Mirrors ?? [];
    mirrors = indexed.length > 0 ? indexed : domain === DEFAULT_DOMAIN ? (config?.Mirrors ?? []) : [];
  } catch {
    // Unknown: the pull goes on, and the page names the registry.
  }
  // "http://127.0.0.1:5000/" as dockerd writes it: the trailing slash says nothing.
  return { registry: domain, mirrors: mirrors.map((mirror) => mirror.replace(/\/+$/, '')) };
}

/**
 * The ports a local image EXPOSEs (Config.ExposedPorts: "6379/tcp"), for the run dialog to offer;
 * present false when the image is not in the local cache (nothing to read until it is pulled).
 */
export async function exposedPorts(docker: Docker, image: string): Promise<ExposedPorts> {
  if (!parseImageReference(image).ok) return { present: false, ports: [] };
  let info: Docker.ImageInspectInfo;
  try {
    info = await docker.getImage(image.trim()).inspect();
  } catch (error) {
    if (engineStatus(error) === 404) return { present: false, ports: [] };
    throw error;
  }
  const ports: ExposedPorts['ports'] = [];
  for (const key of Object.keys(info.Config?.ExposedPorts ?? {})) {
    const match = /^(\d+)(?:\/(tcp|udp))?$/.exec(key);
    const port = match ? Number(match[1]) : 0;
    // sctp and anything unexpected are left out: the dialog offers tcp and udp only.
    if (!match || port < 1 || port > 65535) continue;
    ports.push({ port, protocol: (match[2] as 'tcp' | 'udp' | undefined) ?? 'tcp' });
  }
  ports.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
  return { present: true, ports };
}
