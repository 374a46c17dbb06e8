import type { WireError } from '../../../shared/errors';
import {
  serverMessageSchema,
  type ClientMessage,
  type StreamHandlers,
  type Transport,
  type WireResult,
} from '../../../shared/transport';

const closedError: WireError = { code: 'transport-closed', message: 'The connection to the Berth harness closed.' };

/** The harness's transport: the same contract over a loopback WebSocket. */
export function createWebSocketTransport(url: string): Transport {
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: WireResult) => void>();
  const streams = new Map<number, StreamHandlers>();
  const queue: string[] = [];
  let nextId = 1;
  let closed = false;

  const send = (message: ClientMessage) => {
    const text = JSON.stringify(message);
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
    else queue.push(text);
  };

  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  socket.addEventListener('message', (event) => {
    const parsed = serverMessageSchema.safeParse(JSON.parse(String(event.data)));
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'response') {
      pending.get(message.id)?.(message.result as WireResult);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      streams.get(message.id)?.onEvent(message.event);
    } else {
      streams.get(message.id)?.onError?.(message.error);
      streams.delete(message.id);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve({ ok: false, error: closedError });
    pending.clear();
    for (const handlers of streams.values()) handlers.onError?.(closedError);
    streams.clear();
  });

  return {
    request(name, input) {
      if (closed) return Promise.resolve({ ok: false, error: closedError });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ type: 'request', id, name, input });
      });
    },
    subscribe(name, input, handlers) {
      const id = nextId++;
      if (closed) {
        handlers.onError?.(closedError);
        return () => {};
      }
      streams.set(id, handlers);
      send({ type: 'subscribe', id, name, input });
      return () => {
        if (streams.delete(id) && !closed) send({ type: 'unsubscribe', id });
      };
    },
  };
}
