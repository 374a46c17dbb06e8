import type { EngineFamily, ServerVersion } from '../../shared/engine';

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

export function toServerVersion(json: EngineVersionJson): ServerVersion {
  return {
    family: engineFamilyOf(json),
    platformName: text(json.Platform?.Name),
    version: json.Version ?? 'unknown',
    apiVersion: json.ApiVersion ?? 'unknown',
    minApiVersion: text(json.MinAPIVersion),
    goVersion: text(json.GoVersion),
    gitCommit: text(json.GitCommit),
    built: text(json.BuildTime),
    os: json.Os ?? 'unknown',
    arch: json.Arch ?? 'unknown',
    kernelVersion: text(json.KernelVersion),
    experimental: json.Experimental === true,
    components: (json.Components ?? [])
      .filter((component) => component.Name && component.Name !== 'Engine')
      .map((component) => ({
        name: component.Name ?? '',
        version: component.Version ?? 'unknown',
        gitCommit: text(component.Details?.GitCommit),
      })),
  };
}
