import { z } from 'zod';
import { wireErrorSchema, type WireError } from './errors';

/** A request's answer as it crosses a transport: never a thrown error, always data. */
export type WireResult = { ok: true; value: unknown } | { ok: false; error: WireError };

export interface StreamHandlers {
  onEvent(event: unknown): void;
  /** The stream ended with an error (for example, the connection to the main process closed). */
  onError?(error: WireError): void;
}

/**
 * What the renderer's client needs from a transport. Electron IPC (through the preload) and the
 * harness's WebSocket both implement it; the client never knows which one it has.
 */
export interface Transport {
  request(name: string, input: unknown): Promise<WireResult>;
  subscribe(name: string, input: unknown, handlers: StreamHandlers): () => void;
}

/** Messages on the harness WebSocket, client to server. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), id: z.number().int(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('subscribe'), id: z.number().int(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('unsubscribe'), id: z.number().int() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Messages on the harness WebSocket, server to client. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: wireErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('event'), id: z.number().int(), event: z.unknown() }),
  z.object({ type: z.literal('stream-error'), id: z.number().int(), error: wireErrorSchema }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
