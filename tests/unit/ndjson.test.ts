import { describe, expect, it, vi } from 'vitest';
import { createNdjsonParser } from '../../src/main/engine/ndjson';

const bytes = (text: string) => new TextEncoder().encode(text);

function collect() {
  const objects: unknown[] = [];
  const invalid: string[] = [];
  const parser = createNdjsonParser(
    (value) => objects.push(value),
    (line) => invalid.push(line),
  );
  return { parser, objects, invalid };
}

describe('createNdjsonParser', () => {
  it('waits for the newline when a message is split across chunks', () => {
    const { parser, objects } = collect();
    parser.push(bytes('{"Type":"container",'));
    parser.push(bytes('"Action":"st'));
    expect(objects).toEqual([]);
    parser.push(bytes('art"}\n'));
    expect(objects).toEqual([{ Type: 'container', Action: 'start' }]);
  });

  it('emits every message of a chunk that holds several, in order', () => {
    const { parser, objects } = collect();
    parser.push(bytes('{"n":1}\n{"n":2}\n{"n":3}\n{"n":'));
    expect(objects).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    parser.push(bytes('4}\n'));
    expect(objects).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('decodes a multibyte UTF-8 character split across two chunks', () => {
    const { parser, objects, invalid } = collect();
    const message = bytes('{"name":"한글 컨테이너"}\n');
    // "한" is three bytes starting at offset 9: cut it after its first byte.
    const cut = 10;
    parser.push(message.slice(0, cut));
    parser.push(message.slice(cut));
    expect(objects).toEqual([{ name: '한글 컨테이너' }]);
    expect(invalid).toEqual([]);
  });

  it('decodes a message fed one byte at a time', () => {
    const { parser, objects } = collect();
    for (const byte of bytes('{"status":"Pulling 🐳"}\n')) parser.push(Uint8Array.of(byte));
    expect(objects).toEqual([{ status: 'Pulling 🐳' }]);
  });

  it('accepts string chunks and CRLF line endings', () => {
    const { parser, objects } = collect();
    parser.push('{"a":1}\r\n{"b":');
    parser.push('2}\r\n');
    expect(objects).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('flushes a last line without a newline on end()', () => {
    const { parser, objects } = collect();
    parser.push(bytes('{"n":1}\n{"n":2}'));
    expect(objects).toEqual([{ n: 1 }]);
    parser.end();
    expect(objects).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('emits nothing more on end() when the stream ended with a newline', () => {
    const onObject = vi.fn();
    const onInvalidLine = vi.fn();
    const parser = createNdjsonParser(onObject, onInvalidLine);
    parser.push(bytes('{"n":1}\n\n  \n'));
    parser.end();
    expect(onObject).toHaveBeenCalledTimes(1);
    expect(onInvalidLine).not.toHaveBeenCalled();
  });

  it('reports invalid lines to onInvalidLine and keeps parsing the next ones', () => {
    const { parser, objects, invalid } = collect();
    parser.push(bytes('{"n":1}\nnot json at all\n{"n":\n'));
    parser.push(bytes('{"n":2}\n'));
    parser.push(bytes('  {broken}  '));
    parser.end();
    expect(objects).toEqual([{ n: 1 }, { n: 2 }]);
    expect(invalid).toEqual(['not json at all', '{"n":', '{broken}']);
  });

  it('skips invalid lines silently without onInvalidLine', () => {
    const onObject = vi.fn();
    const parser = createNdjsonParser(onObject);
    expect(() => parser.push(bytes('garbage\n{"ok":true}\n'))).not.toThrow();
    expect(onObject).toHaveBeenCalledExactlyOnceWith({ ok: true });
  });
});
