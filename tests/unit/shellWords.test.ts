import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { splitShellWords } from '../../src/shared/shellWords';

/** The words /bin/sh makes of a line (expansions off: only quoting and escaping count, as in Berth). */
function shWords(line: string): { ok: true; words: string[] } | { ok: false; stderr: string } {
  const result = spawnSync('/bin/sh', ['-c', `set -f; printf '%s\\0' ${line}`], { encoding: 'utf8' });
  if (result.status !== 0) return { ok: false, stderr: result.stderr };
  const words = result.stdout.split('\0').slice(0, -1);
  return { ok: true, words };
}

const words = (line: string) => {
  const split = splitShellWords(line);
  return split.ok ? split.words : split;
};

describe('splitShellWords (POSIX shell rules)', () => {
  it('splits on blanks; quotes and backslashes join words', () => {
    expect(words(`sh -c 'echo out; echo err 1>&2'`)).toEqual(['sh', '-c', 'echo out; echo err 1>&2']);
    expect(words(`echo "a \\"b\\"" c\\ d ''`)).toEqual(['echo', 'a "b"', 'c d', '']);
    expect(words('  seq   1 \t 5000 ')).toEqual(['seq', '1', '5000']);
    expect(words('')).toEqual([]);
    expect(words(`a"b"'c'd`)).toEqual(['abcd']);
    expect(words(`"" ''`)).toEqual(['', '']);
  });

  it('keeps single-quoted text literal, backslashes included', () => {
    expect(words(String.raw`printf '%s\n' 'a\"b'`)).toEqual(['printf', String.raw`%s\n`, String.raw`a\"b`]);
  });

  it('in double quotes, keeps a backslash except before $ ` " \\ and a newline', () => {
    // The old splitter dropped it: "a\nb" became anb.
    expect(words(String.raw`echo "a\nb"`)).toEqual(['echo', String.raw`a\nb`]);
    expect(words(String.raw`"\$x \`y\` \"z\" \\ \a"`)).toEqual([String.raw`$x ` + '`y` "z" \\ \\a']);
    expect(words('"one\\\ntwo"')).toEqual(['onetwo']);
  });

  it('outside quotes, a backslash makes the next character plain; before a newline it joins lines', () => {
    expect(words(String.raw`a\nb \' \"`)).toEqual(['anb', "'", '"']);
    expect(words('one\\\ntwo three')).toEqual(['onetwo', 'three']);
  });

  it('refuses what a shell would not take, saying where (a 1-based character)', () => {
    expect(splitShellWords('sh -c "echo hi')).toEqual({ ok: false, problem: 'unterminated-double-quote', position: 7 });
    expect(splitShellWords("echo 'it")).toEqual({ ok: false, problem: 'unterminated-single-quote', position: 6 });
    expect(splitShellWords('echo hi\\')).toEqual({ ok: false, problem: 'trailing-backslash', position: 8 });
    expect(splitShellWords('echo "a\\"')).toEqual({ ok: false, problem: 'unterminated-double-quote', position: 6 });
    // Characters, not UTF-16 units: the emoji before counts once.
    expect(splitShellWords('echo 🐳 "x')).toEqual({ ok: false, problem: 'unterminated-double-quote', position: 8 });
  });

  it('agrees with /bin/sh on every line it takes, and refuses the open quotes sh refuses', () => {
    const lines = [
      `sh -c 'echo out; echo err 1>&2'`,
      String.raw`echo "a\nb" 'c\d' e\ f`,
      String.raw`"\$x \`y\` \"z\" \\ \a"`,
      `a"b"'c'd "" ''`,
      String.raw`it\'s "it's" 'say "hi"'`,
      'one\\\ntwo "three\\\nfour"',
      '  spaced \t  out  ',
      String.raw`x\\y "x\\y" 'x\\y'`,
    ];
    for (const line of lines) {
      expect(words(line), line).toEqual((shWords(line) as { words: string[] }).words);
    }
    for (const line of ['sh -c "echo hi', "echo 'it", `echo "a\\"`]) {
      expect(shWords(line).ok, line).toBe(false);
      expect(splitShellWords(line).ok, line).toBe(false);
    }
  });
});
