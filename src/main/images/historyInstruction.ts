import { metadataKeywords } from '../../shared/dockerfile';

/**
 * A history entry's "created by" as people wrote it in their Dockerfile. Each builder records it
 * its own way:
 * - the classic builder: "/bin/sh -c #(nop)  ENV A=b" for a step that runs nothing, and the shell
 *   command itself for RUN ("/bin/sh -c apk add curl", "|1 A=b /bin/sh -c echo $A" with build args);
 * - BuildKit: the instruction ("ENV A=b", "RUN |1 A=b /bin/sh -c echo $A # buildkit");
 * - Podman (Buildah): as the classic builder.
 */
export interface HistoryInstruction {
  /** "RUN apk add curl", "COPY file:3b5e0f1a2c4d… in /www", "ENV A=b"; the text as recorded when no form is known. */
  instruction: string;
  /** The Dockerfile instruction, upper case (RUN, COPY, ENV…), or null when the entry names none. */
  keyword: string | null;
  /** The build arguments a RUN saw ("A=b"), which are part of its cache key. */
  buildArgs: string[];
}

const keywords = new Set([...metadataKeywords, 'RUN', 'COPY', 'ADD', 'WORKDIR', 'FROM']);

/** "/bin/sh -c ", "/bin/bash -o pipefail -c ", "sh -c ": the shell a RUN's command went through. */
const shellPrefix = /^(?:\S*\/)?(?:sh|bash|ash|dash|zsh)(?: -[a-zA-Z]+(?: [a-z]\w*)?)*? -c /;
/** The classic builder's mark for a step that runs no command. */
const noOperation = /^(?:\S*\/)?(?:sh|bash|ash|dash|zsh) -c #\(nop\)\s*/;
/** "|2 A=b C=d ": how many build arguments a RUN saw, then each. */
const buildArgsPrefix = /^\|(\d+)\s+/;
/** The content hashes COPY and ADD record ("file:3b5e…", 64 hex): 12 are enough to tell them apart. */
const contentHash = /\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{52}\b/g;

export function historyInstruction(createdBy: string): HistoryInstruction {
  let text = createdBy.trim().replace(/\s+#\s*buildkit$/, '');
  const nop = noOperation.exec(text);
  if (nop) {
    // "/bin/sh -c #(nop)  ENV A=b" → "ENV A=b"; "#(nop) COPY dir:… in / " → "COPY dir:… in /".
    text = text.slice(nop[0].length);
    return withKeyword(text, []);
  }
  const first = /^[A-Z]+\b/.exec(text)?.[0];
  if (first && keywords.has(first)) {
    if (first !== 'RUN') return withKeyword(text, []);
    // BuildKit's RUN: the classic form after "RUN ".
    const run = runCommand(text.slice(first.length).trimStart());
    return { instruction: `RUN ${run.command}`, keyword: 'RUN', buildArgs: run.buildArgs };
  }
  const run = runCommand(text);
  if (run.recognised) return { instruction: `RUN ${run.command}`, keyword: 'RUN', buildArgs: run.buildArgs };
  // Something else (a comment `docker commit` left, an import): shown as recorded.
  return { instruction: text, keyword: null, buildArgs: [] };
}

function withKeyword(text: string, buildArgs: string[]): HistoryInstruction {
  const tidy = text.trim().replace(contentHash, '$1:$2…');
  const keyword = /^[A-Z]+\b/.exec(tidy)?.[0] ?? null;
  return { instruction: tidy, keyword: keyword && keywords.has(keyword) ? keyword : null, buildArgs };
}

/** "|1 A=b /bin/sh -c echo $A" → command "echo $A", buildArgs ["A=b"]. */
function runCommand(text: string): { command: string; buildArgs: string[]; recognised: boolean } {
  let rest = text;
  let buildArgs: string[] = [];
  const args = buildArgsPrefix.exec(rest);
  if (args) {
    rest = rest.slice(args[0].length);
    const count = Number(args[1]);
    const shell = findShell(rest);
    if (shell !== -1) {
      // The arguments are joined with spaces, and a value may hold spaces: split before each NAME=.
      const region = rest.slice(0, shell).trim();
      buildArgs = count === 0 || region === '' ? [] : region.split(/ (?=[A-Za-z_][A-Za-z0-9_]*=)/);
      rest = rest.slice(shell);
    } else {
      // The exec form: the count says how many words are arguments (a value with spaces cannot be told apart).
      const words = rest.split(' ');
      buildArgs = words.slice(0, count);
      rest = words.slice(count).join(' ');
    }
  }
  const shell = shellPrefix.exec(rest);
  if (shell) return { command: rest.slice(shell[0].length).trim(), buildArgs, recognised: true };
  // The exec form (RUN ["echo", "hi"]) records the words alone: known for a RUN only by its arguments.
  return { command: rest.trim(), buildArgs, recognised: args !== null };
}

/** Where the shell starts in "A=b C=d /bin/sh -c …", or -1. */
function findShell(text: string): number {
  const match = / ?((?:\S*\/)?(?:sh|bash|ash|dash|zsh)(?: -[a-zA-Z]+(?: [a-z]\w*)?)*? -c )/.exec(text);
  if (!match) return -1;
  return match.index + (match[0].startsWith(' ') ? 1 : 0);
}
