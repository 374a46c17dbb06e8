import { z } from 'zod';
import {
  contract,
  isRequestName,
  isStreamName,
  type RequestName,
  type RequestResult,
  type StreamEvent,
  type StreamName,
} from '../shared/contract';
import { BerthError, toWireError, type WireError } from '../shared/errors';
import type { WireResult } from '../shared/transport';

type ParsedRequestInput<N extends RequestName> = z.output<(typeof contract.requests)[N]['input']>;
type ParsedStreamInput<N extends StreamName> = z.output<(typeof contract.streams)[N]['input']>;

/** The main process's implementation of every request and stream of the contract. */
export interface ContractHandlers {
  requests: { [N in RequestName]: (input: ParsedRequestInput<N>) => Promise<RequestResult<N>> };
  streams: {
    [N in StreamName]: (
      input: ParsedStreamInput<N>,
      emit: (event: StreamEvent<N>) => void,
      /** Ends the stream with an error the UI can show (a container gone, a stream that broke). */
      fail: (error: unknown) => void,
    ) => () => void;
  };
}

export type OpenStreamResult = { ok: true; close: () => void } | { ok: false; error: WireError };

/**
 * Binds the contract to its handlers for any transport: checks the name against the contract,
 * validates the input before any handler (and so any engine call) runs, and turns every failure
 * into a {code, message} the UI can show.
 */
export interface ContractServer {
  handleRequest(name: unknown, input: unknown): Promise<WireResult>;
  openStream(
    name: unknown,
    input: unknown,
    emit: (event: unknown) => void,
    fail?: (error: WireError) => void,
  ): OpenStreamResult;
}

export function invalidInputError(error: z.ZodError): BerthError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return new BerthError('invalid-input', `Invalid input: ${summary}`, issues);
}

/** A name that is not in the contract, for the error: any value, even one String() would throw on. */
function describeName(name: unknown): string {
  return typeof name === 'string' ? name.slice(0, 100) : `(a ${name === null ? 'null' : typeof name}, not a name)`;
}

export function createContractServer(handlers: ContractHandlers): ContractServer {
  return {
    async handleRequest(name, input) {
      if (!isRequestName(name)) {
        return {
          ok: false,
          error: { code: 'unknown-request', message: `Unknown request: ${describeName(name)}` },
        };
      }
      const spec = contract.requests[name];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: invalidInputError(parsed.error).toWire() };
      try {
        const handler = handlers.requests[name] as (input: unknown) => Promise<unknown>;
        const value = spec.output.parse(await handler(parsed.data));
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toWireError(error) };
      }
    },
    openStream(name, input, emit, fail) {
      if (!isStreamName(name)) {
        return {
          ok: false,
          error: { code: 'unknown-request', message: `Unknown stream: ${describeName(name)}` },
        };
      }
      const spec = contract.streams[name];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: invalidInputError(parsed.error).toWire() };
      try {
        const open = handlers.streams[name] as (
          input: unknown,
          emit: (event: unknown) => void,
          fail: (error: unknown) => void,
        ) => () => void;
        let ended = false;
        const close = open(
          parsed.data,
          (event) => {
            if (ended) return;
            // A malformed event is a bug in main; drop it rather than throw into the engine code that emitted it.
            const checked = spec.event.safeParse(event);
            if (checked.success) emit(checked.data);
            else console.error(`berth: dropped a malformed ${name} event`, checked.error.issues);
          },
          (error) => {
            if (ended) return;
            ended = true;
            fail?.(toWireError(error));
          },
        );
        return { ok: true, close };
      } catch (error) {
        return { ok: false, error: toWireError(error) };
      }
    },
  };
}
