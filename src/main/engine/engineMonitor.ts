import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { Emitter, type Dispose, type Listener } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import { compareApiVersions, MIN_ENGINE_API_VERSION, type EngineStatus } from '../../shared/engine';
import { backoffDelay } from './backoff';
import { classifyEngineError } from './classifyEngineError';
import { createDockerClient } from './dockerConnection';
import type { EndpointResolution, EngineEndpoint } from './endpoint';
import type { EngineInfoJson } from './engineProduct';
import { createNdjsonParser } from './ndjson';
import { toServerVersion, type EngineVersionJson } from './serverVersion';

/** One message of GET /events. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export interface EngineMonitorOptions {
  /** Resolved again on every attempt: a socket or context may appear while Berth waits. */
  resolveEndpoint: () => EndpointResolution;
  requestTimeoutMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

/**
 * Owns the connection to the engine. It checks the endpoint (ping, then /version), and while
 * connected keeps one GET /events stream open: the stream ending is how a stopped engine is
 * noticed, so nothing polls a healthy engine. While disconnected it re-checks with backoff.
 */
export class EngineMonitor {
  private status: EngineStatus;
  private client: Docker | null = null;
  private endpoint: EngineEndpoint | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<EngineStatus> | null = null;
  private eventsAbort: AbortController | null = null;
  private running = false;
  /** The context `docker context use` moved Berth to (see reconnect); kept until the next other reconnect. */
  private followedContext: string | null = null;
  private readonly statusChanged = new Emitter<EngineStatus>();
  private readonly engineEvent = new Emitter<EngineEvent>();
  private readonly options: Required<EngineMonitorOptions>;

  constructor(options: EngineMonitorOptions) {
    this.options = {
      resolveEndpoint: options.resolveEndpoint,
      requestTimeoutMs: options.requestTimeoutMs ?? 5000,
      backoffInitialMs: options.backoffInitialMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 10_000,
    };
    this.status = {
      state: 'connecting',
      endpoint: null,
      searched: [],
      problem: null,
      server: null,
      retry: null,
      followedContext: null,
      checkedAt: Date.now(),
    };
  }

  getStatus(): EngineStatus {
    return this.status;
  }

  /** The connected engine's client, or an error a beginner can act on. */
  requireClient(): Docker {
    if (this.client && this.status.state === 'connected') return this.client;
    const problem = this.status.problem;
    if (problem) throw BerthError.fromWire(problem);
    throw new BerthError('engine-not-running', 'The engine is not connected yet.');
  }

  /**
   * The endpoint of the engine Berth is connected to (with its TLS files and ssh login), for a
   * program Berth runs on the user's behalf (compose) that must reach this same engine. Throws as
   * requireClient does while there is no connection.
   */
  requireEndpoint(): EngineEndpoint {
    this.requireClient();
    if (!this.endpoint) throw new BerthError('engine-not-running', 'The engine is not connected yet.');
    return this.endpoint;
  }

  /** Each new status. */
  onStatus(listener: Listener<EngineStatus>): Dispose {
    return this.statusChanged.event(listener);
  }

  /** The current status at once, then each new one: what an 'engine.status' stream sends. */
  subscribe(emit: Listener<EngineStatus>): Dispose {
    emit(this.status);
    return this.statusChanged.event(emit);
  }

  /** Each message of the engine's GET /events stream while connected. */
  onEngineEvent(listener: Listener<EngineEvent>): Dispose {
    return this.engineEvent.event(listener);
  }

  start(): Promise<EngineStatus> {
    this.running = true;
    return this.check();
  }

  stop(): void {
    this.running = false;
    this.clearRetry();
    this.closeEvents();
    this.dropClient();
  }

  /** Checks at once (the Retry button), skipping the wait for the next backoff step. */
  retryNow(): Promise<EngineStatus> {
    this.attempt = 0;
    return this.check();
  }

  /**
   * Drops the connection and connects again, e.g. after the endpoint setting changed.
   * `followedContext` names the Docker context when the reason is the CLI's `docker context use`.
   */
  async reconnect(followedContext: string | null = null): Promise<EngineStatus> {
    this.followedContext = followedContext;
    this.closeEvents();
    this.dropClient();
    this.attempt = 0;
    this.setStatus({ ...this.status, state: 'connecting', retry: null, checkedAt: Date.now() });
    // A check already under way resolved the old endpoint: let it end, then check afresh.
    if (this.inFlight) await this.inFlight;
    this.closeEvents();
    this.dropClient();
    return this.check();
  }

  private check(): Promise<EngineStatus> {
    if (this.inFlight) return this.inFlight;
    this.clearRetry();
    this.inFlight = this.connect().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async connect(): Promise<EngineStatus> {
    const resolution = this.options.resolveEndpoint();
    if (!resolution.ok) {
      this.closeEvents();
      this.dropClient();
      return this.disconnected({ endpoint: null, searched: resolution.searched, problem: resolution.problem });
    }
    const { endpoint, info } = resolution;
    const url = info.url;
    let candidate: Docker | null = null;
    try {
      // While connected to this same endpoint, re-check with the client (and connection pool) we hold.
      const holding = this.client && this.endpoint && this.eventsAbort && sameEndpoint(this.endpoint, endpoint);
      const client = holding && this.client ? this.client : createDockerClient(endpoint);
      candidate = client;
      // @types/dockerode omits version()'s options; dockerode itself honours abortSignal.
      const version = client.version as unknown as (options: {
        abortSignal: AbortSignal;
      }) => Promise<EngineVersionJson>;
      const json = await this.withTimeout(url, (signal) => version.call(client, { abortSignal: signal }));
      const apiVersion = json.ApiVersion ?? 'unknown';
      if (compareApiVersions(apiVersion, MIN_ENGINE_API_VERSION) < 0) {
        throw new BerthError(
          'engine-too-old',
          `The engine's API ${apiVersion} is older than ${MIN_ENGINE_API_VERSION}, the oldest Berth supports.`,
        );
      }
      const server = toServerVersion(json, await this.readInfo(client, url), endpoint);
      if (client !== this.client || !this.eventsAbort) {
        this.closeEvents();
        this.dropClient();
        this.client = client;
        this.endpoint = endpoint;
        await this.openEvents(client, url);
      }
      this.attempt = 0;
      this.setStatus({
        state: 'connected',
        endpoint: info,
        searched: [],
        problem: null,
        server,
        retry: null,
        checkedAt: Date.now(),
      });
    } catch (error) {
      this.closeEvents();
      if (candidate && candidate !== this.client) releaseClient(candidate);
      this.dropClient();
      this.disconnected({ endpoint: info, searched: [], problem: classifyEngineError(error, url).toWire() });
    }
    return this.status;
  }

  /** GET /info, which names the product (Colima, OrbStack…); null when it fails: naming is not connecting. */
  private async readInfo(client: Docker, url: string): Promise<EngineInfoJson | null> {
    // @types/dockerode omits info()'s options, as version()'s.
    const info = client.info as unknown as (options: { abortSignal: AbortSignal }) => Promise<EngineInfoJson>;
    try {
      return await this.withTimeout(url, (signal) => info.call(client, { abortSignal: signal }));
    } catch {
      return null;
    }
  }

  private async withTimeout<T>(url: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.requestTimeoutMs);
    try {
      return await call(controller.signal);
    } catch (error) {
      if (controller.signal.aborted) {
        throw new BerthError(
          'engine-timeout',
          `The engine at ${url} did not answer within ${this.options.requestTimeoutMs / 1000} s.`,
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async openEvents(client: Docker, url: string): Promise<void> {
    const controller = new AbortController();
    this.eventsAbort = controller;
    const stream = (await this.withTimeout(url, () =>
      client.getEvents({ abortSignal: controller.signal }),
    )) as unknown as Readable;
    const parser = createNdjsonParser((value) => {
      this.engineEvent.fire(value as EngineEvent);
    });
    let ended = false;
    const onEnd = () => {
      if (ended) return;
      ended = true;
      // Our own close (stop, reconnect) is not a lost engine.
      if (controller.signal.aborted || this.eventsAbort !== controller) return;
      this.eventsAbort = null;
      this.dropClient();
      this.connectionLost(url);
    };
    stream.on('data', (chunk: Buffer) => parser.push(chunk));
    stream.on('end', onEnd);
    stream.on('close', onEnd);
    stream.on('error', onEnd);
  }

  private connectionLost(url: string): void {
    this.attempt = 0;
    this.setStatus({
      ...this.status,
      state: 'disconnected',
      server: null,
      problem: { code: 'engine-not-running', message: `The connection to ${url} was lost.` },
      retry: null,
      checkedAt: Date.now(),
    });
    if (this.running) void this.check();
  }

  private dropClient(): void {
    if (this.client) releaseClient(this.client);
    this.client = null;
  }

  private closeEvents(): void {
    const controller = this.eventsAbort;
    this.eventsAbort = null;
    controller?.abort();
  }

  private disconnected(fields: Pick<EngineStatus, 'endpoint' | 'searched' | 'problem'>): EngineStatus {
    const now = Date.now();
    let retry: EngineStatus['retry'] = null;
    if (this.running) {
      const delayMs = backoffDelay(this.attempt, this.options.backoffInitialMs, this.options.backoffMaxMs);
      retry = { attempt: this.attempt + 1, delayMs, nextAt: now + delayMs };
      this.attempt += 1;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.check();
      }, delayMs);
    }
    this.setStatus({ state: 'disconnected', server: null, ...fields, retry, checkedAt: now });
    return this.status;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(status: Omit<EngineStatus, 'followedContext'>): void {
    this.status = { ...status, followedContext: this.followedContext };
    this.statusChanged.fire(this.status);
  }
}

/** Closes a client's pooled keep-alive sockets, so a dropped client leaves no connection behind. */
function releaseClient(client: Docker): void {
  (client.modem as { agent?: { destroy(): void } }).agent?.destroy();
}

function sameEndpoint(a: EngineEndpoint, b: EngineEndpoint): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
