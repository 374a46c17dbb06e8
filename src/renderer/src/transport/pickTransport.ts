import type { Transport } from '../../../shared/transport';
import { createWebSocketTransport } from './webSocketTransport';

declare global {
  interface Window {
    /** Set by the preload script inside Electron; absent in the browser harness. */
    berthTransport?: Transport;
  }
}

/** Electron's preload transport when there is one, else the harness's WebSocket on this page's origin. */
export function pickTransport(): Transport {
  if (window.berthTransport) return window.berthTransport;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketTransport(`${scheme}//${window.location.host}/ws?token=${encodeURIComponent(token)}`);
}
