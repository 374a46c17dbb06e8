import { z } from 'zod';
import { containerNamePattern } from './run';
import { labelSchema } from './volumes';

/** The networks every dockerd has; they cannot be removed. Podman's default is "podman". */
export const builtInNetworkNames = ['bridge', 'host', 'none', 'podman'] as const;

/** A network's id or name, as the engine takes it. */
export const networkKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'network-name');

/** A container id or name. */
const containerKeySchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'container-name');

export const networkMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  running: z.boolean(),
  /** "172.18.0.2" (no prefix length); empty while the container is stopped. */
  ipv4: z.string(),
  ipv6: z.string(),
  /** Other names it answers to on this network (`--network-alias`, compose service names). */
  aliases: z.array(z.string()),
});
export type NetworkMember = z.infer<typeof networkMemberSchema>;

export const networkSchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  /** Epoch ms; null when the engine does not say. */
  created: z.number().nullable(),
  internal: z.boolean(),
  attachable: z.boolean(),
  /** bridge, host, none (Podman: podman): made by the engine, never removable. */
  builtIn: z.boolean(),
  /**
   * Containers on it find each other by name (the engine's DNS). False on the default bridge, the
   * beginner's classic surprise; true on user-defined networks.
   */
  namesResolve: z.boolean(),
  subnets: z.array(z.object({ subnet: z.string(), gateway: z.string() })),
  labels: z.record(z.string(), z.string()),
  containers: z.array(networkMemberSchema),
});
export type Network = z.infer<typeof networkSchema>;

/** IPv4 CIDR, "172.30.0.0/16": four octets 0–255 and a prefix 8–30. */
export const ipv4CidrPattern =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/([89]|[12]\d|30)$/;
export const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const networkCreateInputSchema = z
  .object({
    name: z.string().min(2).max(128).regex(containerNamePattern, 'network-name'),
    /** Empty: the engine picks a free subnet. */
    subnet: z
      .string()
      .trim()
      .max(50)
      .refine((value) => value === '' || ipv4CidrPattern.test(value), 'subnet')
      .default(''),
    /** Empty: the engine picks the subnet's first address. Only with a subnet. */
    gateway: z
      .string()
      .trim()
      .max(50)
      .refine((value) => value === '' || ipv4Pattern.test(value), 'gateway')
      .default(''),
    /** No way out to the internet (`--internal`). */
    internal: z.boolean().default(false),
    labels: z.array(labelSchema).max(100).default([]),
  })
  .strict();

export const networkRemoveInputSchema = z
  .object({
    id: networkKeySchema,
    /** The network's name as the confirmation showed it; anything else is refused. */
    confirm: z.string().min(1).max(300),
  })
  .strict();

export const networkConnectInputSchema = z
  .object({
    network: networkKeySchema,
    container: containerKeySchema,
    aliases: z.array(z.string().min(1).max(128).regex(containerNamePattern, 'alias')).max(20).default([]),
  })
  .strict();

export const networkDisconnectInputSchema = z
  .object({
    network: networkKeySchema,
    container: containerKeySchema,
    /** The container's name as the confirmation showed it. */
    confirm: z.string().min(1).max(300),
  })
  .strict();

/** "Can A reach B by name?": run in A, toward the name B. */
export const networkReachInputSchema = z
  .object({
    from: containerKeySchema,
    /** A container name or alias, as A would write it. */
    to: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'container-name'),
  })
  .strict();

export const networkReachResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The name resolved and answered. */
  reachable: z.boolean(),
  /**
   * resolved: the name became an address that answered; no-name: nobody answers to that name from
   * A (the default bridge has no names); no-answer: the name resolved, the address did not answer;
   * not-running: A is not running; no-tool: A has neither ping nor nslookup.
   */
  outcome: z.enum(['resolved', 'no-name', 'no-answer', 'not-running', 'no-tool']),
  /** The address the name resolved to, when it did. */
  address: z.string().nullable(),
  /** The command run in A, as `docker exec` would, and what it printed. */
  command: z.string(),
  output: z.string(),
  /** Networks A and B share (names); only the default bridge, or none, explain a no-name. */
  sharedNetworks: z.array(z.string()),
  /** They share only the default bridge: reachable by address, not by name. */
  onlyDefaultBridge: z.boolean(),
});
export type NetworkReachResult = z.infer<typeof networkReachResultSchema>;
