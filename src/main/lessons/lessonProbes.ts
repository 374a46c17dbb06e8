import http from 'node:http';
import type Docker from 'dockerode';
import { execOutput } from '../containers/execOutput';
import type { ProbeAnswer, ProbeRequest } from './lessonDefinition';

/** What an answer keeps of output: enough for a file's first line or a page's counter. */
const MAX_OUTPUT = 4096;

export interface LessonProbeRunnerOptions {
  getClient: () => Docker;
  /** A folder of a volume, read-only, entry names (the VolumeFiles browse, its helper removed right after). */
  listVolumeFolder: (volume: string, path: string) => Promise<string[]>;
  now?: () => number;
  /** One HTTP GET's limit. Default 2000 ms. */
  httpTimeoutMs?: number;
  /** Each exec a probe makes, by id (its engine events are Berth's own, not the learner's). */
  onExecCreated?: (execId: string) => void;
}

/**
 * Asks one probe on the live engine (or this computer's port) and says what it answered. It never
 * throws: a container gone, a port closed or a volume missing is an answer (ok false) the lesson reads.
 */
export class LessonProbeRunner {
  constructor(private readonly options: LessonProbeRunnerOptions) {}

  async run(request: ProbeRequest): Promise<ProbeAnswer> {
    const now = this.options.now ?? Date.now;
    try {
      switch (request.kind) {
        case 'exec': {
          const result = await execOutput(this.options.getClient(), request.containerId, [...request.command], {
            timeoutMs: 5000,
            maxChars: MAX_OUTPUT,
            onCreated: this.options.onExecCreated,
          });
          const output = `${result.stdout}${result.stderr}`.slice(0, MAX_OUTPUT);
          return { ok: result.exitCode === 0, code: result.exitCode, output, at: now() };
        }
        case 'http': {
          const { status, body } = await httpGet(request.host, request.port, request.path, this.options.httpTimeoutMs);
          return { ok: status >= 200 && status < 300, code: status, output: body, at: now() };
        }
        case 'volumeFiles': {
          const names = await this.options.listVolumeFolder(request.volume, request.path);
          return { ok: true, code: null, output: names.join('\n'), at: now() };
        }
      }
    } catch (error) {
      return { ok: false, code: null, output: error instanceof Error ? error.message : String(error), at: now() };
    }
  }
}

/** Only this computer is asked: a lesson's page is a port published here. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function httpGet(
  host: string,
  port: number,
  path: string,
  timeoutMs = 2000,
): Promise<{ status: number; body: string }> {
  if (!LOOPBACK.has(host)) return Promise.reject(new Error(`${host} is not this computer.`));
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path, timeout: timeoutMs, headers: { 'user-agent': 'Berth lesson check' } });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < MAX_OUTPUT) body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body.slice(0, MAX_OUTPUT) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`No answer from ${host}:${port} within ${timeoutMs} ms.`)));
    request.on('error', reject);
  });
}
