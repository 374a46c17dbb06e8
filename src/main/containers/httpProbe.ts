import http from 'node:http';
import os from 'node:os';
import type { z } from 'zod';
import { portProbeInputSchema, type PortProbeResult } from '../../shared/containers';
import { BerthError } from '../../shared/errors';

export type PortProbeInput = z.input<typeof portProbeInputSchema>;

export interface HttpProbeOptions {
  /** How long one HEAD request may take. Default 1500 ms. */
  timeoutMs?: number;
  /** At most this many requests at once; the rest wait. Default 4. */
  concurrency?: number;
  /** How long a "yes" is reused. Default 10 000 ms. */
  cacheMs?: number;
  /** How long a "no" is reused: shorter, as a server in a container that just started may not listen yet. Default 2000 ms. */
  negativeCacheMs?: number;
  /** The addresses of this computer's network interfaces (os.networkInterfaces by default). */
  localAddresses?: () => string[];
  now?: () => number;
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
}

/**
 * Where on this computer to ask: 127.0.0.1 for a port published on every address (0.0.0.0, ::, or
 * none given, as Podman lists it) or on 127.0.0.1 (a socket on :: takes IPv4 too; Podman's
 * forwarding does not listen on ::1), ::1 for ::1, else the one address it is bound to, if it is
 * one of this computer's. Anything else is refused: the probe never reaches out to another machine.
 */
export function probeAddress(ip: string | null, localAddresses: () => string[]): string {
  if (ip === null || ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '127.0.0.1') return '127.0.0.1';
  if (ip === '::1') return '::1';
  if (localAddresses().includes(ip)) return ip;
  throw new BerthError('invalid-input', `${ip} is not an address of this computer: Berth only checks its own ports.`);
}

/**
 * "Does this published port answer HTTP?" A HEAD / with a short timeout: any HTTP answer (even 404
 * or 500) says yes; a refused or reset connection, a reply that is not HTTP (Redis, a database) or
 * silence says no. Answers are kept for a short while, and only a few requests run at once, so a
 * long containers list does not flood the ports.
 */
export class HttpProbe {
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly cacheMs: number;
  private readonly negativeCacheMs: number;
  private readonly localAddresses: () => string[];
  private readonly now: () => number;
  private readonly cache = new Map<string, { at: number; answer: Promise<PortProbeResult>; keepMs: number }>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(options: HttpProbeOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 1500;
    this.concurrency = options.concurrency ?? 4;
    this.cacheMs = options.cacheMs ?? 10_000;
    this.negativeCacheMs = Math.min(options.negativeCacheMs ?? 2000, this.cacheMs);
    this.localAddresses = options.localAddresses ?? interfaceAddresses;
    this.now = options.now ?? Date.now;
  }

  probe(input: PortProbeInput): Promise<PortProbeResult> {
    const parsed = portProbeInputSchema.safeParse(input);
    if (!parsed.success) {
      return Promise.reject(new BerthError('invalid-input', `Invalid port: ${parsed.error.message}`));
    }
    let host: string;
    try {
      host = probeAddress(parsed.data.ip, this.localAddresses);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const key = `${host}|${parsed.data.port}`;
    // Old answers go, so the cache stays as small as the set of ports in view.
    for (const [other, entry] of this.cache) if (this.now() - entry.at >= entry.keepMs) this.cache.delete(other);
    const cached = this.cache.get(key);
    if (cached) return cached.answer;
    const entry = {
      at: this.now(),
      keepMs: this.cacheMs,
      answer: this.limited(() => headAnswers(host, parsed.data.port, this.timeoutMs)).then((answersHttp) => {
        if (!answersHttp) entry.keepMs = this.negativeCacheMs;
        return { answersHttp };
      }),
    };
    this.cache.set(key, entry);
    return entry.answer;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    while (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** One HEAD / to host:port; true for any HTTP response. Never rejects. */
function headAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request({
      host,
      port,
      method: 'HEAD',
      path: '/',
      timeout: timeoutMs,
      agent: false,
      headers: { 'user-agent': 'Berth port check' },
    });
    request.on('response', (response) => {
      response.resume();
      request.destroy();
      resolve(true);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', () => resolve(false));
    request.end();
  });
}
