import { DockerfileParser } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';

// dockerfile-ast looks for a byte order mark with Node's Buffer, which the renderer does not have
// (the Build page lists the stages as the user types): the same test, without it.
Util.isUTF8BOM = (char: string) => char === '\uFEFF';

/**
 * A Dockerfile read the way the builder reads it (dockerfile-ast): its instructions with their
 * lines, its stages, and what EXPOSE declares. The main process maps the builder's steps to lines
 * with it; the editor lists the stages for --target as the user types.
 */

/** Instructions that only change the image's settings: no files, so no layer (0 B in its history). */
export const metadataKeywords: ReadonlySet<string> = new Set([
  'ENV',
  'CMD',
  'LABEL',
  'EXPOSE',
  'ENTRYPOINT',
  'USER',
  'ARG',
  'VOLUME',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'ONBUILD',
  'MAINTAINER',
]);

export interface DockerfileInstruction {
  /** Upper case: FROM, RUN, COPY... */
  keyword: string;
  /** The arguments as one line (continuations joined), without flags such as --from=. */
  args: string;
  /** The instruction's own lines in the file, flags and continuations as written. */
  text: string;
  /** 1-based, inclusive: an instruction may run over several lines with \ at their ends. */
  line: number;
  endLine: number;
  /** The stage it belongs to (index into stages); -1 for ARGs before the first FROM. */
  stage: number;
}

export interface DockerfileStage {
  /** The name after AS, or null. */
  name: string | null;
  /** The base image (FROM's image) as written. */
  base: string;
  line: number;
}

export interface ParsedDockerfile {
  instructions: DockerfileInstruction[];
  stages: DockerfileStage[];
  /** The last stage's EXPOSEd ports. */
  exposedPorts: { port: number; protocol: 'tcp' | 'udp' }[];
}

export function parseDockerfile(content: string): ParsedDockerfile {
  const parsed = DockerfileParser.parse(content);
  const lines = content.split(/\r?\n/);
  const instructions: DockerfileInstruction[] = [];
  const stages: DockerfileStage[] = [];
  for (const instruction of parsed.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const range = instruction.getRange();
    const line = range.start.line + 1;
    if (keyword === 'FROM') {
      const args = instruction.getArguments().map((arg) => arg.getValue());
      const asIndex = args.findIndex((arg) => arg.toLowerCase() === 'as');
      stages.push({
        name: asIndex >= 0 ? (args[asIndex + 1] ?? null) : null,
        base: args.find((arg) => !arg.startsWith('--')) ?? '',
        line,
      });
    }
    instructions.push({
      keyword,
      args: instruction
        .getArguments()
        .map((arg) => arg.getValue())
        .join(' '),
      text: lines.slice(line - 1, range.end.line + 1).join('\n'),
      line,
      endLine: range.end.line + 1,
      stage: stages.length - 1,
    });
  }
  const lastStage = stages.length - 1;
  const exposedPorts = instructions
    .filter((instruction) => instruction.keyword === 'EXPOSE' && instruction.stage === lastStage)
    .flatMap((instruction) => instruction.args.split(/\s+/))
    .map((word) => /^(\d{1,5})(?:\/(tcp|udp))?$/i.exec(word))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) >= 1 && Number(match[1]) <= 65535)
    .map((match) => ({ port: Number(match[1]), protocol: (match[2]?.toLowerCase() ?? 'tcp') as 'tcp' | 'udp' }));
  return { instructions, stages, exposedPorts };
}
