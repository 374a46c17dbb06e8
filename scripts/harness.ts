import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { createBackend } from '../src/main/backend';
import { realHostSystem } from '../src/main/host/hostSystem';
import { buildIfNeeded } from './harness/buildIfNeeded';
import { pretendMachine } from './harness/pretendMachine';
import { serveStatic } from './harness/staticFiles';
import { bindContractToWebSocket, MAX_MESSAGE_BYTES } from './harness/webSocketBridge';

// The browser harness: the production renderer in any browser, talking to the real main-process
// backend over a loopback WebSocket. A development and test tool; not part of the packaged app.

const projectRoot = path.resolve(__dirname, '..');
const port = Number(process.env.BERTH_HARNESS_PORT ?? 5199);
const token = process.env.BERTH_HARNESS_TOKEN || randomBytes(24).toString('hex');

if (process.env.BERTH_HARNESS_SKIP_BUILD !== '1') buildIfNeeded(projectRoot);

// The settings file: in BERTH_SETTINGS_DIR when given, else in a fresh folder of this run only, so
// test runs never share (or leave behind) settings.
const ownSettingsDir = !process.env.BERTH_SETTINGS_DIR;
const settingsDir = process.env.BERTH_SETTINGS_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'berth-harness-settings-'));
const backend = createBackend({
  // BERTH_HARNESS_PRETEND=darwin/arm64: see the machine as another one with nothing installed (tests).
  system: process.env.BERTH_HARNESS_PRETEND
    ? pretendMachine(realHostSystem(process.env), process.env.BERTH_HARNESS_PRETEND)
    : realHostSystem(process.env),
  settingsPath: path.join(settingsDir, 'settings.json'),
  lessonsPath: path.join(settingsDir, 'lessons.json'),
  // The examples' copies live with this run's settings (removed with them when the folder is this run's own).
  workDir: path.join(settingsDir, 'examples'),
  examplesDir: path.join(projectRoot, 'resources', 'examples'),
});
const rendererRoot = path.join(projectRoot, 'out/renderer');

const httpServer = http.createServer((request, response) => serveStatic(rendererRoot, request.url ?? '/', response));
const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

httpServer.on('upgrade', (request, socket, head) => {
  const actualPort = (httpServer.address() as AddressInfo).port;
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${actualPort}`);
  const allowedOrigins = [`http://127.0.0.1:${actualPort}`, `http://localhost:${actualPort}`];
  // The WebSocket reaches the Docker socket, which is root on this machine: a page from any other
  // origin, or a caller without the token, gets nothing.
  const refusal =
    url.pathname !== '/ws'
      ? '404 Not Found'
      : url.searchParams.get('token') !== token
        ? '401 Unauthorized'
        : !allowedOrigins.includes(request.headers.origin ?? '')
          ? '403 Forbidden'
          : null;
  if (refusal) {
    socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => bindContractToWebSocket(ws, backend.server));
});

httpServer.listen(port, '127.0.0.1', () => {
  const actualPort = (httpServer.address() as AddressInfo).port;
  void backend.start();
  console.log(`harness ready: http://127.0.0.1:${actualPort}/?token=${token}`);
});

const shutdown = () => {
  backend.stop();
  if (ownSettingsDir) fs.rmSync(settingsDir, { recursive: true, force: true });
  wss.close();
  httpServer.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
