import { BerthError } from './errors';
import type { RequestInput, RequestName, RequestResult, StreamEvent, StreamInput, StreamName } from './contract';
import type { Transport } from './transport';

/** The renderer's one typed entry to the main process, whatever the transport. */
export interface BerthClient {
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestResult<N>>;
  subscribe<N extends StreamName>(
    name: N,
    input: StreamInput<N>,
    onEvent: (event: StreamEvent<N>) => void,
    onError?: (error: BerthError) => void,
  ): () => void;
}

export function createBerthClient(transport: Transport): BerthClient {
  return {
    async request(name, input) {
      const result = await transport.request(name, input);
      if (!result.ok) throw BerthError.fromWire(result.error);
      // The main process validated its own output against the contract before sending it.
      return result.value as never;
    },
    subscribe(name, input, onEvent, onError) {
      return transport.subscribe(name, input, {
        onEvent: (event) => onEvent(event as never),
        onError: onError ? (error) => onError(BerthError.fromWire(error)) : undefined,
      });
    },
  };
}
