import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcChannels, type StreamMessage } from '../../shared/ipcChannels';
import type { WireError } from '../../shared/errors';
import type { WireResult } from '../../shared/transport';
import type { ContractServer } from '../contractServer';
import { isTrustedRendererUrl } from './trustedSender';

type SenderEvent = Pick<IpcMainEvent | IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

const forbiddenError: WireError = { code: 'forbidden', message: 'This page may not talk to Berth.' };
const forbidden: WireResult = { ok: false, error: forbiddenError };

/** Binds the contract to Electron IPC, checking on every call that the sender is Berth's own page. */
export function bindContractToIpc(ipcMain: IpcMain, server: ContractServer, rendererUrl: string): () => void {
  const isTrusted = (event: SenderEvent) => {
    const frame = event.senderFrame;
    return Boolean(frame) && frame === event.sender.mainFrame && isTrustedRendererUrl(frame?.url, rendererUrl);
  };
  // Streams by WebContents, so a closed or reloaded window's streams are closed with it.
  const openStreams = new Map<WebContents, Map<number, () => void>>();
  // Listeners are added once per WebContents: a reload closes its streams but not the window.
  const watched = new WeakSet<WebContents>();

  const closeAll = (contents: WebContents) => {
    for (const close of openStreams.get(contents)?.values() ?? []) close();
    openStreams.delete(contents);
  };

  ipcMain.handle(ipcChannels.request, (event, name: unknown, input: unknown) =>
    isTrusted(event) ? server.handleRequest(name, input) : forbidden,
  );

  ipcMain.on(ipcChannels.subscribe, (event, id: unknown, name: unknown, input: unknown) => {
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    const contents = event.sender;
    const send = (message: StreamMessage) => {
      if (!contents.isDestroyed()) contents.send(ipcChannels.stream, id, message);
    };
    if (!isTrusted(event)) return send({ kind: 'error', error: forbiddenError });
    let streams = openStreams.get(contents);
    if (!streams) {
      streams = new Map();
      openStreams.set(contents, streams);
    }
    if (!watched.has(contents)) {
      watched.add(contents);
      contents.once('destroyed', () => closeAll(contents));
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) closeAll(contents);
      });
    }
    streams.get(id)?.();
    const opened = server.openStream(
      name,
      input,
      (event) => send({ kind: 'event', event }),
      (error) => send({ kind: 'error', error }),
    );
    if (!opened.ok) return send({ kind: 'error', error: opened.error });
    streams.set(id, opened.close);
  });

  ipcMain.on(ipcChannels.unsubscribe, (event, id: unknown) => {
    const streams = openStreams.get(event.sender);
    const close = typeof id === 'number' ? streams?.get(id) : undefined;
    if (!close || !streams) return;
    streams.delete(id as number);
    close();
  });

  return () => {
    ipcMain.removeHandler(ipcChannels.request);
    ipcMain.removeAllListeners(ipcChannels.subscribe);
    ipcMain.removeAllListeners(ipcChannels.unsubscribe);
    for (const contents of [...openStreams.keys()]) closeAll(contents);
  };
}
