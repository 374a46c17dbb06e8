/** What a masked value shows instead of the real one. */
export const MASKED_VALUE = '••••••';

/** Names of environment variables whose values are hidden: passwords, tokens, keys, credentials. */
export const SECRET_NAME = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential|auth)/i;

export interface EnvEntry {
  key: string;
  value: string;
  masked: boolean;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * One "NAME=value" entry of Config.Env, split at the first "=". A secret-looking name with a
 * non-empty value gets MASKED_VALUE instead of it (an empty value hides nothing and stays empty).
 */
export function maskEnvEntry(entry: string): EnvEntry {
  const equals = entry.indexOf('=');
  const key = equals === -1 ? entry : entry.slice(0, equals);
  const value = equals === -1 ? '' : entry.slice(equals + 1);
  if (value !== '' && isSecretName(key)) return { key, value: MASKED_VALUE, masked: true };
  return { key, value, masked: false };
}

/** Config.Env as entries, secrets masked. */
export function maskEnv(env: readonly string[] | null | undefined): EnvEntry[] {
  return (env ?? []).filter((entry) => typeof entry === 'string').map(maskEnvEntry);
}

/** Config.Env in the engine's own form ("NAME=value"), secrets masked. */
export function maskEnvList(env: readonly string[]): string[] {
  return env.map((entry) => {
    if (typeof entry !== 'string') return entry;
    const masked = maskEnvEntry(entry);
    return masked.masked ? `${masked.key}=${MASKED_VALUE}` : entry;
  });
}

/**
 * A copy of GET /containers/{id}/json with every secret value of Config.Env masked. The engine's
 * object is left as it was.
 */
export function maskInspectJson<T extends Record<string, unknown>>(raw: T): T {
  const copy = structuredClone(raw) as T & { Config?: { Env?: unknown } | null };
  const config = copy.Config;
  if (config && typeof config === 'object' && Array.isArray(config.Env)) {
    config.Env = maskEnvList(config.Env as string[]);
  }
  return copy;
}
