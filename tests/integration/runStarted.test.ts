import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { RunFlow } from '../../src/shared/run';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';

// A run started through the contract reaches the tray's "Run image" through RunService.onStarted,
// not through the routing table: the backend wires the feed to the run service.
describe.skipIf(!requireEngine.available)('a run started through the contract', () => {
  const name = `berth-it-run-started-${Date.now()}`;
  let backend: Backend;

  beforeAll(async () => {
    if (!imageExists('hello-world:latest')) docker('pull', '-q', 'hello-world');
    backend = createBackend({ system: realHostSystem(process.env) });
    await backend.start();
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(() => {
    backend?.stop();
    try {
      docker('rm', '-f', name);
    } catch {
      // Not created.
    }
  });

  it('moves its image to the top of the tray’s recent images, and the started event names it', async () => {
    const started: Array<{ runId: string; image: string }> = [];
    const off = backend.runs.onStarted((run) => started.push(run));
    const result = await backend.server.handleRequest('run.start', { image: 'hello-world', name });
    off();
    if (!result.ok) throw new Error(result.error.message);
    const { runId } = result.value as { runId: string };
    expect(started).toEqual([{ runId, image: 'hello-world' }]);
    expect(backend.tray.recentImages()[0]).toBe('hello-world:latest');

    // The run's stream sends its current flow first (subscribeFlow), then its changes until it exits.
    const flows: RunFlow[] = [];
    let exited = () => undefined as void;
    const exit = new Promise<void>((resolve) => (exited = resolve));
    const stream = backend.server.openStream('run.flow', { runId }, (flow) => {
      flows.push(flow as RunFlow);
      if ((flow as RunFlow).state === 'exited') exited();
    });
    if (!stream.ok) throw new Error(stream.error.message);
    expect(flows[0]?.runId).toBe(runId);
    await exit;
    stream.close();
    expect(flows.at(-1)?.exitCode).toBe(0);
  });
});
