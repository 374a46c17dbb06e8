import { z } from 'zod';
import { wireErrorSchema } from './errors';

/** Where the engine endpoint came from, in the order the docker CLI gives them precedence. */
export const endpointSourceSchema = z.enum([
  'setting',
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'config-context',
  'platform-default',
]);
export type EndpointSource = z.infer<typeof endpointSourceSchema>;

export const endpointKindSchema = z.enum(['unix', 'npipe', 'tcp', 'ssh']);
export type EndpointKind = z.infer<typeof endpointKindSchema>;

export const endpointInfoSchema = z.object({
  kind: endpointKindSchema,
  /** The endpoint as a URL, e.g. unix:///var/run/docker.sock or ssh://me@host:22. */
  url: z.string(),
  source: endpointSourceSchema,
  /** The Docker context it came from, when it came from one. */
  contextName: z.string().nullable(),
  tls: z.boolean(),
});
export type EndpointInfo = z.infer<typeof endpointInfoSchema>;

export const componentVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  gitCommit: z.string().nullable(),
});

/**
 * Which API implementation answers: dockerd (Docker Desktop, Colima, OrbStack, Rancher Desktop with
 * moby…) or Podman's Docker-compatible service. The two differ in calls Berth must treat apart
 * (force removal, events, wait conditions, stats counters).
 */
export const engineFamilySchema = z.enum(['docker', 'podman']);
export type EngineFamily = z.infer<typeof engineFamilySchema>;

/** What GET /version returns, in the shape `docker version` shows under "Server". */
export const serverVersionSchema = z.object({
  family: engineFamilySchema,
  platformName: z.string().nullable(),
  version: z.string(),
  apiVersion: z.string(),
  minApiVersion: z.string().nullable(),
  goVersion: z.string().nullable(),
  gitCommit: z.string().nullable(),
  built: z.string().nullable(),
  os: z.string(),
  arch: z.string(),
  kernelVersion: z.string().nullable(),
  experimental: z.boolean(),
  components: z.array(componentVersionSchema),
});
export type ServerVersion = z.infer<typeof serverVersionSchema>;

export const engineStateSchema = z.enum(['connecting', 'connected', 'disconnected']);
export type EngineState = z.infer<typeof engineStateSchema>;

export const engineStatusSchema = z.object({
  state: engineStateSchema,
  /** Null only when no endpoint could be found at all. */
  endpoint: endpointInfoSchema.nullable(),
  /** Places that were looked at when no endpoint was found. */
  searched: z.array(z.string()),
  problem: wireErrorSchema.nullable(),
  server: serverVersionSchema.nullable(),
  /** When disconnected: the next automatic check. */
  retry: z.object({ attempt: z.number().int(), delayMs: z.number().int(), nextAt: z.number() }).nullable(),
  checkedAt: z.number(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;

/** What `docker version` shows under "Client", read from the installed docker CLI. */
export const clientVersionSchema = z.object({
  path: z.string(),
  platformName: z.string().nullable(),
  version: z.string(),
  apiVersion: z.string().nullable(),
  /** The CLI's own API version; apiVersion is lower when it negotiated down to an older engine. */
  defaultApiVersion: z.string().nullable(),
  goVersion: z.string().nullable(),
  gitCommit: z.string().nullable(),
  built: z.string().nullable(),
  os: z.string().nullable(),
  arch: z.string().nullable(),
  context: z.string().nullable(),
});
export type ClientVersion = z.infer<typeof clientVersionSchema>;

export const clientCheckSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), client: clientVersionSchema }),
  z.object({ found: z.literal(false), searched: z.array(z.string()), problem: wireErrorSchema }),
]);
export type ClientCheck = z.infer<typeof clientCheckSchema>;

export const installationReportSchema = z.object({
  client: clientCheckSchema,
  engine: engineStatusSchema,
  checkedAt: z.number(),
});
export type InstallationReport = z.infer<typeof installationReportSchema>;

/** The oldest Engine API Berth speaks: Docker 20.10. */
export const MIN_ENGINE_API_VERSION = '1.41';

/** Compares dotted API versions such as "1.41" and "1.9"; negative when a < b. */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
