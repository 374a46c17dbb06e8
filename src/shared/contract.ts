import { z } from 'zod';
import { engineStatusSchema, installationReportSchema } from './engine';

/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC and
 * the harness's WebSocket) carry exactly these requests and streams, validated by these schemas.
 * Inputs are strict objects: unknown fields are refused, not ignored.
 */
const noInput = z.object({}).strict();

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

function stream<I extends z.ZodType, E extends z.ZodType>(input: I, event: E) {
  return { input, event };
}

export const contract = {
  requests: {
    /** The engine's connection state as the main process knows it now. */
    'engine.getStatus': request(noInput, engineStatusSchema),
    /** Check the engine again at once instead of waiting for the next backoff step. */
    'engine.retryNow': request(noInput, engineStatusSchema),
    /** The installation check: `docker version`'s client and server halves. */
    'installation.check': request(noInput, installationReportSchema),
  },
  streams: {
    /** The engine's connection state, pushed on every change; the current state comes first. */
    'engine.status': stream(noInput, engineStatusSchema),
  },
} as const;

export type Contract = typeof contract;
export type RequestName = keyof Contract['requests'];
export type StreamName = keyof Contract['streams'];
export type RequestInput<N extends RequestName> = z.input<Contract['requests'][N]['input']>;
export type RequestResult<N extends RequestName> = z.output<Contract['requests'][N]['output']>;
export type StreamInput<N extends StreamName> = z.input<Contract['streams'][N]['input']>;
export type StreamEvent<N extends StreamName> = z.output<Contract['streams'][N]['event']>;

export const requestNames = Object.keys(contract.requests) as RequestName[];
export const streamNames = Object.keys(contract.streams) as StreamName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(contract.requests, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.hasOwn(contract.streams, name);
}
