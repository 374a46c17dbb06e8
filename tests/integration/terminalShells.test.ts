import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminalService } from '../../src/main/containers/terminalService';
import { createDockerClient } from '../../src/main/engine/dockerConnection';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { terminalEventSchema, type TerminalEvent } from '../../src/shared/containers';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';
import { buildShelllessImage } from '../fixtures/shelllessImage';

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!requireEngine.available)('which shells a container has, against the real engine', () => {
  let client: Docker;
  let service: TerminalService;
  let image: ReturnType<typeof buildShelllessImage>;
  const suffix = randomBytes(4).toString('hex');
  const bare = `berth-no-shell-${suffix}`;
  const busybox = `berth-shells-busybox-${suffix}`;

  beforeAll(() => {
    const resolution = resolveEndpoint(realHostSystem(process.env));
    if (!resolution.ok) throw new Error(`no engine endpoint: ${resolution.problem.message}`);
    client = createDockerClient(resolution.endpoint);
    service = new TerminalService({ getClient: () => client });
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
    image = buildShelllessImage();
    docker('run', '-d', '--name', bare, image.tag);
    docker('run', '-d', '--name', busybox, 'busybox', 'sleep', '600');
  });

  afterAll(() => {
    service?.dispose();
    docker('rm', '-f', bare, busybox);
    image?.remove();
  });

  it('finds no shell in an image with only one program, and sh and ash in busybox', async () => {
    expect(await service.shells({ id: bare })).toEqual({ shells: [] });
    expect(await service.shells({ id: busybox })).toEqual({ shells: ['sh', 'ash'] });
  });

  it('says a command is not in the container instead of only passing on the runtime error', async () => {
    const { sessionId } = await service.open({ id: bare, command: ['sh'] });
    const events: TerminalEvent[] = [];
    const stop = service.output({ sessionId }, (event) => events.push(terminalEventSchema.parse(event)));
    await waitFor('the exit', () => events.some((event) => event.type === 'exit'));
    expect(events.find((event) => event.type === 'exit')).toMatchObject({ commandNotFound: true });
    stop();

    // A shell that is there and exits with 127 by itself is not "not found".
    const own = await service.open({ id: busybox, command: ['sh', '-c', 'exit 127'] });
    const ownEvents: TerminalEvent[] = [];
    const stopOwn = service.output({ sessionId: own.sessionId }, (event) => ownEvents.push(event));
    await waitFor('the exit', () => ownEvents.some((event) => event.type === 'exit'));
    expect(ownEvents.find((event) => event.type === 'exit')).toEqual({ type: 'exit', exitCode: 127 });
    stopOwn();
  });
});
