import { normalizeBuildTime, type EngineFamily, type ServerVersion } from '../../shared/engine';
import type { EngineEndpoint } from './endpoint';
import { engineProductOf, type EngineInfoJson } from './engineProduct';

/** GET /version's JSON, as far as Berth reads it. */
export interface EngineVersionJson {
  Platform?: { Name?: string };
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  GitCommit?: string;
  GoVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  BuildTime?: string;
  Experimental?: boolean;
  Components?: Array<{ Name?: string; Version?: string; Details?: Record<string, unknown> }>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Podman's service names its main component "Podman Engine"; dockerd names it "Engine". */
export function engineFamilyOf(json: EngineVersionJson): EngineFamily {
  return (json.Components ?? []).some((component) => /^podman/i.test(component.Name ?? '')) ? 'podman' : 'docker';
}

/** The component that is the server itself, shown as its own section rather than as a component. */
const isMainComponent = (name: string | undefined): boolean => name === 'Engine' || /^podman engine$/i.test(name ?? '');

/**
 * GET /version as `docker version` shows it, with the product that runs it named from GET /info
 * (null when it could not be read) and the endpoint Berth connected to.
 */
export function toServerVersion(
  json: EngineVersionJson,
  info: EngineInfoJson | null = null,
  endpoint: EngineEndpoint | null = null,
): ServerVersion {
  const platformName = text(json.Platform?.Name);
  const version = json.Version ?? 'unknown';
  const product = engineProductOf({
    family: engineFamilyOf(json),
    platformName,
    serverVersion: version,
    info,
    endpoint,
  });
  return {
    // A Podman socket whose /version names no Podman component is still Podman's API.
    family: product.id === 'podman' ? 'podman' : engineFamilyOf(json),
    product,
    platformName,
    version,
    apiVersion: json.ApiVersion ?? 'unknown',
    minApiVersion: text(json.MinAPIVersion),
    goVersion: text(json.GoVersion),
    gitCommit: text(json.GitCommit),
    built: normalizeBuildTime(json.BuildTime),
    os: json.Os ?? 'unknown',
    arch: json.Arch ?? 'unknown',
    kernelVersion: text(json.KernelVersion),
    experimental: json.Experimental === true,
    components: (json.Components ?? [])
      .filter((component) => component.Name && !isMainComponent(component.Name))
      .map((component) => ({
        name: component.Name ?? '',
        version: component.Version ?? 'unknown',
        gitCommit: text(component.Details?.GitCommit),
      })),
  };
}
