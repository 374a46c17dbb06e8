import fs from 'node:fs/promises';
import path from 'node:path';
import createIgnore from '@balena/dockerignore';
import { BerthError } from '../../shared/errors';

/**
 * .dockerignore read and matched as the docker CLI does: its lines through @balena/dockerignore (a
 * port of Docker's matcher), the Dockerfile and .dockerignore kept even when a pattern names them
 * (the CLI adds "!Dockerfile" and "!.dockerignore"), and the CLI's rule for when an excluded folder
 * must still be looked into.
 */
export interface ContextIgnore {
  /** The patterns the file has (comments and blank lines not counted). */
  patterns: number;
  /** True when the path (relative, with /) is left out of the context. */
  ignores(relativePath: string): boolean;
  /**
   * For an excluded folder: whether a "!" pattern might bring back something inside it. The CLI
   * looks into the folder only when a "!" pattern starts with the folder's path; otherwise it skips
   * the folder whole, and so does Berth (a node_modules is never walked when ignored).
   */
  mayReinclude(relativeFolder: string): boolean;
}

const UTF8_BOM = '\uFEFF';
const posix = path.sep === '/';

/** null when the context has no .dockerignore. */
export async function readContextIgnore(root: string, dockerfile: string): Promise<ContextIgnore | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(root, '.dockerignore'), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new BerthError(
      'invalid-input',
      `Berth cannot read ${path.join(root, '.dockerignore')}: ${code ?? String(error)}`,
    );
  }
  return parseContextIgnore(text, dockerfile);
}

export function parseContextIgnore(text: string, dockerfile: string): ContextIgnore {
  const lines = (text.startsWith(UTF8_BOM) ? text.slice(1) : text).split(/\r?\n/);
  const patterns: string[] = [];
  lines.forEach((line, index) => {
    // As the CLI: a comment is a line starting with #, before any trimming.
    if (line.startsWith('#') || line.trim() === '' || line.trim() === '!') return;
    const pattern = asPattern(line.trim());
    checkPattern(pattern, index + 1, line);
    patterns.push(pattern);
  });
  const matcher = createIgnore({ ignorecase: false }).add(patterns);
  const negations = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => cleanPattern(pattern.slice(1)));

  // The CLI's TrimBuildFilesFromExcludes: both files are always sent, the builder needs them.
  const kept: string[] = [];
  if (matcher.ignores('.dockerignore')) kept.push('!.dockerignore');
  const dockerfileSlashed = dockerfile.replace(/\\/g, '/');
  if (matcher.ignores(dockerfileSlashed))
    kept.push(`!${asPattern(ignoreLineFor(dockerfileSlashed) ?? dockerfileSlashed)}`);
  if (kept.length > 0) {
    matcher.add(kept);
    negations.push(...kept.map((pattern) => cleanPattern(pattern.slice(1))));
  }

  return {
    patterns: patterns.length,
    ignores: (relativePath) => matcher.ignores(relativePath),
    mayReinclude: (folder) => negations.some((pattern) => `${pattern}/`.startsWith(`${folder}/`)),
  };
}

/** A pattern as Docker stores it: trimmed, cleaned (filepath.Clean), with /, no leading /. */
function cleanPattern(pattern: string): string {
  const slashed = posix ? pattern.trim() : pattern.trim().replace(/\\/g, '/');
  const cleaned = path.posix.normalize(slashed).replace(/(?<=.)\/$/, '');
  return cleaned.length > 1 && cleaned.startsWith('/') ? cleaned.slice(1) : cleaned;
}

/** A .dockerignore line as the matcher takes it. */
function asPattern(line: string): string {
  return posix ? escapeRegexOnly(line) : line;
}

/**
 * @balena/dockerignore follows Docker 19.03, which put a pattern's characters into a regular
 * expression as they are: "c++" or "(old)" would not match themselves (or would throw). Docker
 * escapes them since; so does this, outside [...] classes. Only on Linux and macOS: on Windows the
 * backslash is a path separator in .dockerignore and cannot escape.
 */
function escapeRegexOnly(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      out += ch + pattern[i + 1]!;
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else {
      out += '+(){}^|'.includes(ch) ? `\\${ch}` : ch;
    }
  }
  return out;
}

/** A pattern Docker would refuse too ("a[" is a syntax error): said with its line, not thrown later. */
function checkPattern(pattern: string, lineNumber: number, line: string): void {
  try {
    // The library compiles a pattern when it first matches; match once to compile it now.
    createIgnore({ ignorecase: false }).add(pattern).ignores('a');
  } catch {
    throw new BerthError(
      'invalid-input',
      `.dockerignore line ${lineNumber} is not a pattern docker can read: ${line.trim()}`,
      [{ path: '.dockerignore', message: `line ${lineNumber}` }],
    );
  }
}

/**
 * The .dockerignore line that leaves out exactly this folder (relative, with /): characters that
 * mean something in a pattern escaped, so "a[1]" or "#tmp" name themselves. null when it cannot
 * be written (on Windows, where the backslash cannot escape).
 */
export function ignoreLineFor(folder: string): string | null {
  const special = /[*?[\\]/g;
  if (posix) {
    const escaped = folder.replace(special, (ch) => `\\${ch}`);
    return escaped.startsWith('#') || escaped.startsWith('!') ? `\\${escaped}` : escaped;
  }
  if (/[*?[\\]/.test(folder) || folder.startsWith('!')) return null;
  // A leading / is dropped by Docker after the comment check: "/#tmp" names the folder "#tmp".
  return folder.startsWith('#') ? `/${folder}` : folder;
}
