import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import type { z } from 'zod';
import { containerStatsInputSchema, type StatsSample } from '../../shared/containers';
import { BerthError } from '../../shared/errors';
import { dialStream, readStream } from '../engine/dialStream';
import { createNdjsonParser } from '../engine/ndjson';
import { containerError } from './inspectService';
import { toStatsSample, type EngineStatsJson } from './statsMath';

export type StatsInput = z.input<typeof containerStatsInputSchema>;

export interface StatsServiceOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
}

interface StatsSession {
  closed: boolean;
  abort: AbortController;
  responses: Set<IncomingMessage>;
}

/**
 * `docker stats` for a set of containers: one GET /containers/{id}/stats?stream=true per container,
 * each giving one sample a second (every 5 s on Podman), computed like the Docker CLI does where
 * the engine's counters allow it (statsMath).
 */
export class StatsService {
  private readonly getClient: () => Docker;
  private readonly sessions = new Set<StatsSession>();

  constructor(options: StatsServiceOptions) {
    this.getClient = options.getClient;
  }

  /**
   * Opens one stats stream per id (duplicates once) and returns close(), which ends them all. Each
   * sample carries the id as it was asked for. A container that fails (no such container:
   * 'not-found') goes to onError with its id; the others go on. A stopped container gives one
   * sample of zeros or none. Throws at once only when the engine is not connected.
   */
  open(
    input: StatsInput,
    emit: (sample: StatsSample) => void,
    onError?: (error: BerthError, id: string) => void,
  ): () => void {
    const parsed = containerStatsInputSchema.safeParse(input);
    if (!parsed.success) throw new BerthError('invalid-input', `Invalid stats input: ${parsed.error.message}`);
    const docker = this.getClient();
    const session: StatsSession = { closed: false, abort: new AbortController(), responses: new Set() };
    this.sessions.add(session);
    for (const id of new Set(parsed.data.ids)) {
      this.follow(docker, id, session, emit).catch((error: unknown) => {
        if (session.closed) return;
        onError?.(containerError(error, id, `Reading the stats of ${id}`), id);
      });
    }
    return () => this.close(session);
  }

  /** Ends every stats stream. */
  dispose(): void {
    for (const session of [...this.sessions]) this.close(session);
  }

  private close(session: StatsSession): void {
    if (session.closed) return;
    session.closed = true;
    this.sessions.delete(session);
    session.abort.abort();
    for (const response of session.responses) response.destroy();
    session.responses.clear();
  }

  /** One container's stream: resolves when it ends, rejects when it could not be read. */
  private async follow(
    docker: Docker,
    id: string,
    session: StatsSession,
    emit: (sample: StatsSample) => void,
  ): Promise<void> {
    const response = await dialStream(docker, {
      path: `/containers/${encodeURIComponent(id)}/stats?`,
      method: 'GET',
      signal: session.abort.signal,
      statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      options: { stream: true },
    });
    if (session.closed) {
      response.destroy();
      return;
    }
    session.responses.add(response);
    const parser = createNdjsonParser((value) => {
      if (session.closed || !value || typeof value !== 'object') return;
      emit(toStatsSample(id, value as EngineStatsJson));
    });
    try {
      await readStream(response, parser, () => session.closed);
    } finally {
      session.responses.delete(response);
    }
  }
}
