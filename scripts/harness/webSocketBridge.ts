import type { WebSocket } from 'ws';
import type { ContractServer } from '../../src/main/contractServer';
import { clientMessageSchema, type ServerMessage } from '../../src/shared/transport';

/** The largest message the harness reads: the contract's inputs are small. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Binds the contract to one WebSocket connection: the harness's twin of the Electron IPC bridge. */
export function bindContractToWebSocket(socket: WebSocket, server: ContractServer): void {
  const streams = new Map<number, () => void>();
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  socket.on('message', async (data) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      return;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'request':
        send({ type: 'response', id: message.id, result: await server.handleRequest(message.name, message.input) });
        return;
      case 'subscribe': {
        streams.get(message.id)?.();
        const opened = server.openStream(
          message.name,
          message.input,
          (event) => send({ type: 'event', id: message.id, event }),
          (error) => send({ type: 'stream-error', id: message.id, error }),
        );
        if (opened.ok) streams.set(message.id, opened.close);
        else send({ type: 'stream-error', id: message.id, error: opened.error });
        return;
      }
      case 'unsubscribe':
        streams.get(message.id)?.();
        streams.delete(message.id);
        return;
    }
  });

  // A frame over maxPayload (1009) or text that is not UTF-8 (1007): ws closes this connection and
  // emits 'error'. Without a listener that error would end the whole harness process.
  socket.on('error', () => undefined);

  socket.on('close', () => {
    for (const close of streams.values()) close();
    streams.clear();
  });
}
