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

/**
 * The product that runs the engine, as a user installed it: Podman, Docker Desktop, Colima,
 * OrbStack, Rancher Desktop, or dockerd itself (Docker Engine, e.g. Debian's docker.io).
 */
export const engineProductIdSchema = z.enum([
  'podman',
  'docker-desktop',
  'colima',
  'orbstack',
  'rancher-desktop',
  'dockerd',
]);
export type EngineProductId = z.infer<typeof engineProductIdSchema>;

export const engineProductSchema = z.object({
  id: engineProductIdSchema,
  /**
   * The product's own version, to show beside its name: Docker Desktop's from its platform name,
   * Podman's and dockerd's the server's. Null when the engine does not tell it (Colima, OrbStack,
   * Rancher Desktop run a dockerd whose version is the server's, not theirs).
   */
  version: z.string().nullable(),
});
export type EngineProduct = z.infer<typeof engineProductSchema>;

/** Product names are proper nouns, the same in every language. */
export const ENGINE_PRODUCT_NAMES: Record<EngineProductId, string> = {
  podman: 'Podman',
  'docker-desktop': 'Docker Desktop',
  colima: 'Colima',
  orbstack: 'OrbStack',
  'rancher-desktop': 'Rancher Desktop',
  dockerd: 'Docker Engine',
};

/** "Podman 4.3.1", "Docker Desktop 4.42.0", "Colima (Docker Engine 27.4.0)": what runs, in one line. */
export function engineProductLabel(server: Pick<ServerVersion, 'product' | 'version'>): string {
  const name = ENGINE_PRODUCT_NAMES[server.product.id];
  if (server.product.version) return `${name} ${server.product.version}`;
  return `${name} (${ENGINE_PRODUCT_NAMES.dockerd} ${server.version})`;
}

/** What GET /version returns, in the shape `docker version` shows under "Server". */
export const serverVersionSchema = z.object({
  family: engineFamilySchema,
  product: engineProductSchema,
  platformName: z.string().nullable(),
  version: z.string(),
  apiVersion: z.string(),
  minApiVersion: z.string().nullable(),
  goVersion: z.string().nullable(),
  gitCommit: z.string().nullable(),
  /** When it was built, as an ISO 8601 time (UTC); null when unknown (Podman says 1970-01-01). */
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
  /**
   * The Docker context Berth moved to by itself because `docker context use` changed the CLI's
   * current context while the engine choice is automatic; null when the endpoint came otherwise.
   */
  followedContext: z.string().nullable(),
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
  /** As the server's: an ISO 8601 time (UTC), or null when unknown. */
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

/**
 * A build time as the engine or the CLI gives it (RFC 3339 from GET /version, `docker version`'s
 * "Fri May 30 12:07:14 2025" in UTC from the CLI) as an ISO 8601 time, or null when it is missing,
 * unreadable or a zero time: Podman reports 1970-01-01T00:00:00Z, Go's zero time is year 1.
 */
export function normalizeBuildTime(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let ms = Number.NaN;
  const ansic = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(value);
  if (ansic) {
    const [, month = '', day, hours, minutes, seconds, year] = ansic;
    const monthIndex = MONTHS.indexOf(month);
    if (monthIndex !== -1)
      ms = Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) {
    // Date.parse reads milliseconds; the engine writes up to nanoseconds.
    ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  }
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return new Date(ms).toISOString();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
