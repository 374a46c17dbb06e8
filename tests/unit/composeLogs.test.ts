import { describe, expect, it } from 'vitest';
import type { ComposeProjectState } from '../../src/shared/compose';
import type { LogBatch } from '../../src/shared/containers';
import { ComposeLogs } from '../../src/main/compose/composeLogs';
import type { LogsInput } from '../../src/main/containers/logsService';
import { waitFor } from '../fixtures/waitFor';

/*
 * The merging alone: each container's batches (as LogsService sends them) into one stream. The
 * engine's side is tests/integration/composeProjects.test.ts.
 */

type Reader = { input: LogsInput; emit: (batch: LogBatch) => void; closed: boolean };

function harness() {
  const readers: Reader[] = [];
  let send: (projects: ComposeProjectState[]) => void = () => undefined;
  const merged = new ComposeLogs({
    batchIntervalMs: 10,
    logs: {
      open(input, emit) {
        const reader = { input, emit, closed: false };
        readers.push(reader);
        return () => {
          reader.closed = true;
        };
      },
    },
    projects: {
      subscribe(emit) {
        send = emit;
        return () => undefined;
      },
    },
  });
  return { readers, merged, send: (projects: ComposeProjectState[]) => send(projects) };
}

function project(containers: Array<{ service: string; id: string; number: number; state?: 'running' | 'exited' }>) {
  const services = [...new Set(containers.map((container) => container.service))].map((name) => ({
    name,
    image: 'busybox',
    phase: null,
    containers: containers
      .filter((container) => container.service === name)
      .map((container) => ({
        id: container.id,
        name: `${name}-${container.number}`,
        state: container.state ?? ('running' as const),
        exitCode: null,
        health: null,
        number: container.number,
      })),
  }));
  return [{ name: 'shop', workingDir: '/srv', configFiles: [], services, status: 'running' as const }];
}

const line = (text: string, second: number) => ({
  stream: 'stdout' as const,
  text,
  time: `2026-12-05T05:00:${String(second).padStart(2, '0')}.000000000Z`,
});

describe('merged compose logs', () => {
  it('waits for every container’s first lines, then sends them in time order with their sources', async () => {
    const { readers, merged, send } = harness();
    const batches: LogBatch[] = [];
    const close = merged.open({ projectName: 'shop', tail: 50 }, (batch) => batches.push(batch));
    send(
      project([
        { service: 'web', id: 'w1', number: 1 },
        { service: 'web', id: 'w2', number: 2 },
        { service: 'db', id: 'd1', number: 1 },
      ]),
    );
    expect(readers.map((reader) => [reader.input.id, reader.input.tail])).toEqual([
      ['w1', 50],
      ['w2', 50],
      ['d1', 50],
    ]);
    readers[0]!.emit({ lines: [line('web one', 3)], ended: false });
    readers[2]!.emit({ lines: [line('db one', 1), line('db two', 4)], ended: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // w2 has not answered yet: nothing is sent, so its earlier lines can still go first.
    expect(batches).toEqual([]);
    readers[1]!.emit({ lines: [line('web-2 one', 2)], ended: true });
    await waitFor('the first batch', () => batches.length === 1);
    expect(batches[0]!.lines.map((entry) => [entry.source, entry.text])).toEqual([
      ['db', 'db one'],
      ['web-2', 'web-2 one'],
      ['web', 'web one'],
      ['db', 'db two'],
    ]);
    expect(batches[0]!.ended).toBe(false);
    close();
    // The reads still open are closed with it (w2's had ended).
    expect(readers.map((reader) => [reader.input.id, reader.closed])).toEqual([
      ['w1', true],
      ['w2', false],
      ['d1', true],
    ]);
  });

  it('only the listed services; a container that appears later joins from its first line; a removed one is closed', async () => {
    const { readers, merged, send } = harness();
    const batches: LogBatch[] = [];
    const close = merged.open({ projectName: 'shop', services: ['web'], tail: 10 }, (batch) => batches.push(batch));
    send(
      project([
        { service: 'web', id: 'w1', number: 1 },
        { service: 'db', id: 'd1', number: 1 },
      ]),
    );
    expect(readers.map((reader) => reader.input.id)).toEqual(['w1']);
    send(
      project([
        { service: 'web', id: 'w1', number: 1 },
        { service: 'web', id: 'w3', number: 3 },
      ]),
    );
    expect(readers[1]!.input).toMatchObject({ id: 'w3', tail: null, since: null });
    readers[1]!.emit({ lines: [line('three', 5)], ended: false });
    await waitFor('the new container’s line', () => batches.flatMap((batch) => batch.lines).length === 1);
    expect(batches[0]!.lines[0]!.source).toBe('web-3');
    send(project([{ service: 'web', id: 'w3', number: 3 }]));
    expect(readers[0]!.closed).toBe(true);
    close();
  });

  it('reads a container again from its last line when it starts again, dropping what was sent', async () => {
    const { readers, merged, send } = harness();
    const batches: LogBatch[] = [];
    const close = merged.open({ projectName: 'shop' }, (batch) => batches.push(batch));
    send(project([{ service: 'web', id: 'w1', number: 1 }]));
    readers[0]!.emit({ lines: [line('first', 7)], ended: true });
    send(project([{ service: 'web', id: 'w1', number: 1, state: 'exited' }]));
    expect(readers).toHaveLength(1);
    send(project([{ service: 'web', id: 'w1', number: 1 }]));
    expect(readers[1]!.input).toMatchObject({ id: 'w1', tail: null, since: Date.parse(line('', 7).time) / 1000 });
    // `since` is whole seconds: the engine sends that second's lines again.
    readers[1]!.emit({ lines: [line('first', 7), line('second', 9)], ended: false });
    await waitFor('the second line', () => batches.flatMap((batch) => batch.lines).length === 2);
    expect(batches.flatMap((batch) => batch.lines.map((entry) => entry.text))).toEqual(['first', 'second']);
    expect(batches.every((batch) => !batch.ended)).toBe(true);
    close();
  });
});
