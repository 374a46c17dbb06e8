/**
 * Splitting a command line into words the way a POSIX shell does (sh, bash, zsh in sh mode), for the
 * run dialog's Command field: what the user would type after the image in `docker run IMAGE …`.
 * Only quoting and escaping are shell syntax here; `$HOME`, `*`, `;` or `|` stay literal words, and
 * the copied `docker run` line quotes them so that the terminal passes the same words.
 */

export type ShellWordsProblem = 'unterminated-single-quote' | 'unterminated-double-quote' | 'trailing-backslash';

export type ShellWords =
  | { ok: true; words: string[] }
  /** position: the 1-based character (not UTF-16 unit) of the quote left open or of the lone backslash. */
  | { ok: false; problem: ShellWordsProblem; position: number };

/** Inside double quotes a backslash escapes only these (and a newline); before anything else it stays. */
const escapableInDoubleQuotes = new Set(['$', '`', '"', '\\', '\n']);
const blanks = new Set([' ', '\t', '\n']);

export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const fail = (problem: ShellWordsProblem, index: number): ShellWords => ({
    ok: false,
    problem,
    position: [...line.slice(0, index)].length + 1,
  });

  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === '\\') {
      if (i + 1 >= line.length) return fail('trailing-backslash', i);
      // A backslash before a newline joins the lines; before anything else it makes that character plain.
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      }
      i += 2;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return fail('unterminated-single-quote', i);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (char === '"') {
      const open = i;
      i += 1;
      for (;;) {
        if (i >= line.length) return fail('unterminated-double-quote', open);
        const inner = line[i]!;
        if (inner === '"') break;
        if (inner === '\\' && i + 1 < line.length && escapableInDoubleQuotes.has(line[i + 1]!)) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else {
          word += inner;
          i += 1;
        }
      }
      inWord = true;
      i += 1;
    } else if (blanks.has(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
    } else {
      word += char;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}
