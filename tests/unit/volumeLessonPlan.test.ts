import { describe, expect, it } from 'vitest';
import { cliCommands, doneSteps, lessonValue, nextStep, shellQuote } from '../../src/main/lessons/volumeLessonPlan';

const running = (id: string) => ({ id, running: true });
const stopped = (id: string) => ({ id, running: false });
const none = { volume: false, first: null, second: null, firstValue: null, readOnSecond: false };

describe('the volume lesson’s steps, read from what the engine holds', () => {
  it.each([
    ['nothing', none, []],
    ['the first container running, no key yet', { ...none, volume: true, first: running('a') }, ['run']],
    [
      'the first container with the key',
      { ...none, volume: true, first: running('a'), firstValue: 'v' },
      ['run', 'write'],
    ],
    // Its step starts it again (the Docker server restarted, or the user stopped it).
    ['the first container stopped', { ...none, volume: true, first: stopped('a'), firstValue: null }, []],
    ['the volume alone: the first container removed', { ...none, volume: true }, ['run', 'write', 'remove']],
    ['the second container stopped', { ...none, volume: true, second: stopped('b') }, ['run', 'write', 'remove']],
    [
      'the second container running',
      { ...none, volume: true, second: running('b') },
      ['run', 'write', 'remove', 'runAgain'],
    ],
    [
      'the key read from the second container',
      { ...none, volume: true, second: running('b'), readOnSecond: true },
      ['run', 'write', 'remove', 'runAgain', 'read'],
    ],
  ] as const)('%s', (_what, facts, expected) => {
    expect(doneSteps(facts)).toEqual(expected);
  });

  it('names the next step, and none once the lesson is finished', () => {
    expect(nextStep([])).toBe('run');
    expect(nextStep(['run', 'write'])).toBe('remove');
    expect(nextStep(['run', 'write', 'remove', 'runAgain', 'read'])).toBeNull();
  });
});

describe('the docker CLI line each done step equals', () => {
  it('gives one line per done step, the written value quoted for a shell', () => {
    expect(cliCommands(['run', 'write'], 'Berth 2026-12-05 01:02:03 UTC')).toEqual([
      {
        step: 'run',
        command:
          'docker run -d --name berth-lesson-redis -v berth-lesson-redis-data:/data redis redis-server --appendonly yes --dir /data',
      },
      { step: 'write', command: 'docker exec berth-lesson-redis redis-cli SET lesson "Berth 2026-12-05 01:02:03 UTC"' },
    ]);
    expect(cliCommands([], null)).toEqual([]);
  });

  it('quotes what a shell would expand or split', () => {
    expect(shellQuote('a "b" $HOME `id` \\')).toBe('"a \\"b\\" \\$HOME \\`id\\` \\\\"');
  });

  it('writes Berth and the time, in UTC to the second', () => {
    expect(lessonValue(new Date('2026-12-05T01:02:03.456Z'))).toBe('Berth 2026-12-05 01:02:03 UTC');
  });
});
