/** The only IPC channels between preload and main. Contract names travel as arguments. */
export const ipcChannels = {
  request: 'berth:request',
  subscribe: 'berth:subscribe',
  unsubscribe: 'berth:unsubscribe',
  /** main -> renderer: (id, {kind: 'event', event} | {kind: 'error', error}) */
  stream: 'berth:stream',
} as const;

export type StreamMessage =
  { kind: 'event'; event: unknown } | { kind: 'error'; error: { code: string; message: string } };
