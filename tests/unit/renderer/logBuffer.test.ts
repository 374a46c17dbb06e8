import { describe, expect, it } from 'vitest';
import { findMatches, LogBuffer, stripAnsi } from '../../../src/renderer/src/containers/details/logBuffer';
import type { LogLine } from '../../../src/shared/containers';

const line = (text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({ stream, text, time: null });
const lines = (...texts: string[]) => texts.map((text) => line(text));
const texts = (buffer: LogBuffer) => buffer.all().map((entry) => entry.text);

describe('the log buffer', () => {
  it('keeps every line while under capacity, in order, with its stream and time', () => {
    const buffer = new LogBuffer(5);
    buffer.append([line('out'), { stream: 'stderr', text: 'err', time: '2025-05-30T12:07:14.123456789Z' }]);
    expect(buffer.length).toBe(2);
    expect(buffer.dropped).toBe(0);
    expect(buffer.at(1)).toEqual({ stream: 'stderr', text: 'err', time: '2025-05-30T12:07:14.123456789Z', seq: 1 });
    expect(buffer.at(2)).toBeUndefined();
  });

  it('keeps only the newest lines past capacity, and counts the ones it dropped', () => {
    const buffer = new LogBuffer(3);
    buffer.append(lines('1', '2'));
    buffer.append(lines('3', '4', '5'));
    expect(texts(buffer)).toEqual(['3', '4', '5']);
    expect(buffer.dropped).toBe(2);
    // A batch larger than the whole buffer keeps its own tail.
    buffer.append(lines('6', '7', '8', '9'));
    expect(texts(buffer)).toEqual(['7', '8', '9']);
    expect(buffer.dropped).toBe(6);
    expect(buffer.length).toBe(3);
  });

  it('numbers lines for ever, so a row keeps its key as older lines drop off', () => {
    const buffer = new LogBuffer(2);
    buffer.append(lines('a', 'b'));
    const keyOfB = buffer.at(1)!.seq;
    buffer.append(lines('c'));
    expect(buffer.at(0)).toMatchObject({ text: 'b', seq: keyOfB });
    expect(buffer.all().map((entry) => entry.seq)).toEqual([1, 2]);
  });

  it('clear() empties it and resets the dropped count, and later lines get new keys', () => {
    const buffer = new LogBuffer(2);
    buffer.append(lines('a', 'b', 'c'));
    buffer.clear();
    expect(buffer.length).toBe(0);
    expect(buffer.dropped).toBe(0);
    buffer.append(lines('d'));
    expect(buffer.all()).toEqual([{ ...line('d'), seq: 3 }]);
  });
});

describe('log text without escape codes', () => {
  it('takes out colours and cursor codes but keeps the words', () => {
    expect(stripAnsi('\u001b[1;31mERROR\u001b[0m: disk full')).toBe('ERROR: disk full');
    expect(stripAnsi('\u001b[?25lhidden cursor\u001b[2K')).toBe('hidden cursor');
  });

  it('keeps the label of a terminal hyperlink', () => {
    expect(stripAnsi('see \u001b]8;;https://docs.docker.com\u0007the docs\u001b]8;;\u0007')).toBe('see the docs');
    // Ended by ESC \ (ST) instead of BEL: the label between the two sequences stays too.
    expect(stripAnsi('see \u001b]8;;https://docs.docker.com\u001b\\the docs\u001b]8;;\u001b\\ now')).toBe(
      'see the docs now',
    );
  });

  it('leaves plain text, Korean included, as it is', () => {
    expect(stripAnsi('서버가 시작됐어요 [ok]')).toBe('서버가 시작됐어요 [ok]');
  });
});

describe('search in the logs', () => {
  const log = lines(
    'Starting redis',
    '\u001b[31mWARN\u001b[0m low memory',
    'ready to accept connections',
    'warning: slow',
  );

  it('gives the indices of the lines containing the text, in any case', () => {
    expect(findMatches(log, 'warn')).toEqual([1, 3]);
    expect(findMatches(log, 'REDIS')).toEqual([0]);
  });

  it('looks at the text as shown, so a match across a colour code counts and the code itself does not', () => {
    expect(findMatches(log, 'warn low')).toEqual([1]);
    expect(findMatches(log, '[31m')).toEqual([]);
  });

  it('finds nothing for an empty query or a text no line has', () => {
    expect(findMatches(log, '')).toEqual([]);
    expect(findMatches(log, 'postgres')).toEqual([]);
  });
});
