import type { EngineFamily, EngineProduct, EngineProductId } from '../../shared/engine';
import type { EngineEndpoint } from './endpoint';

/** GET /info's JSON, as far as naming the product reads it. */
export interface EngineInfoJson {
  Name?: string;
  OperatingSystem?: string;
  KernelVersion?: string;
}

/** What the product is told by: GET /version (its family and platform), GET /info, and where Berth connected. */
export interface ProductEvidence {
  family: EngineFamily;
  /** GET /version's Platform.Name, e.g. "Docker Desktop 4.42.0 (195023)". */
  platformName: string | null;
  /** GET /version's Version: the server's version. */
  serverVersion: string;
  /** Null when GET /info could not be read: the product is then told by the rest. */
  info: EngineInfoJson | null;
  endpoint: EngineEndpoint | null;
}

/** The socket (or pipe) path, where the product's installer puts it: ~/.colima, ~/.orbstack, ~/.rd... */
function socketPathOf(endpoint: EngineEndpoint | null): string {
  if (endpoint?.kind === 'unix') return endpoint.socketPath;
  if (endpoint?.kind === 'npipe') return endpoint.pipePath;
  return '';
}

/** Which product the engine's own words name, or null when they name none (a plain dockerd). */
function productFromEngine(evidence: ProductEvidence): EngineProductId | null {
  if (evidence.family === 'podman') return 'podman';
  if (/^Docker Desktop\b/i.test(evidence.platformName ?? '')) return 'docker-desktop';
  const info = evidence.info;
  if (!info) return null;
  const name = info.Name ?? '';
  const os = info.OperatingSystem ?? '';
  if (/^Docker Desktop\b/i.test(os) || name === 'docker-desktop') return 'docker-desktop';
  if (/orbstack/i.test(os) || /orbstack/i.test(info.KernelVersion ?? '') || name === 'orbstack') return 'orbstack';
  // Rancher Desktop names its WSL distribution "Rancher Desktop…", its Lima VM lima-rancher-desktop.
  if (/rancher desktop/i.test(os) || /rancher-desktop/i.test(name)) return 'rancher-desktop';
  // Colima's VM is called colima, or colima-<profile>.
  if (/^colima(-|$)/i.test(name)) return 'colima';
  return null;
}

/** Which product the socket's place names, for engines that do not say (or when GET /info failed). */
function productFromSocket(endpoint: EngineEndpoint | null): EngineProductId | null {
  const socket = socketPathOf(endpoint).replaceAll('\\', '/');
  if (/\/\.colima\//.test(socket)) return 'colima';
  if (/\/\.orbstack\//.test(socket)) return 'orbstack';
  if (/\/\.rd\//.test(socket)) return 'rancher-desktop';
  if (/\/\.docker\/(run|desktop)\/docker\.sock$/.test(socket) || /dockerDesktopLinuxEngine$/i.test(socket)) {
    return 'docker-desktop';
  }
  if (/podman/i.test(socket)) return 'podman';
  return null;
}

/**
 * Names the product that runs the engine, so Berth says "Podman 4.3.1" or "Docker Desktop 4.42.0"
 * rather than "Docker" for all of them. The engine's own words come first; the socket's place only
 * decides when they name nothing, and a plain dockerd (Docker Engine) is what remains.
 */
export function engineProductOf(evidence: ProductEvidence): EngineProduct {
  const id = productFromEngine(evidence) ?? productFromSocket(evidence.endpoint) ?? 'dockerd';
  switch (id) {
    case 'docker-desktop': {
      const version = /^Docker Desktop\s+(\d+(?:\.\d+)+)/i.exec(evidence.platformName ?? '')?.[1] ?? null;
      return { id, version };
    }
    case 'podman':
    case 'dockerd':
      return { id, version: evidence.serverVersion };
    default:
      return { id, version: null };
  }
}
