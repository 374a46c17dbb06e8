import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, type StreamMessage } from '../shared/ipcChannels';
import type { StreamHandlers, Transport, WireResult } from '../shared/transport';

// The renderer gets this transport and nothing else: never ipcRenderer itself.
const streams = new Map<number, StreamHandlers>();
let nextStreamId = 1;

ipcRenderer.on(ipcChannels.stream, (_event: IpcRendererEvent, id: number, message: StreamMessage) => {
  const handlers = streams.get(id);
  if (!handlers) return;
  if (message.kind === 'event') handlers.onEvent(message.event);
  else {
    streams.delete(id);
    handlers.onError?.(message.error as never);
  }
});

const transport: Transport = {
  request: (name, input) => ipcRenderer.invoke(ipcChannels.request, name, input) as Promise<WireResult>,
  subscribe(name, input, handlers) {
    const id = nextStreamId++;
    streams.set(id, handlers);
    ipcRenderer.send(ipcChannels.subscribe, id, name, input);
    return () => {
      if (streams.delete(id)) ipcRenderer.send(ipcChannels.unsubscribe, id);
    };
  },
};

contextBridge.exposeInMainWorld('berthTransport', transport);
