import type { BuildFailure, BuildFailureKind, BuildStep } from '../../shared/builds';
import { keywordOf } from './buildStream';

/**
 * Why a build stopped, from the builder's own words (Docker's classic builder and Podman's Buildah
 * word each failure differently) and the step it stopped at. The renderer turns the kind into a
 * sentence in the user's language; the message stays as the detail.
 */

export interface BuildFailureInput {
  /** The builder's message (errorDetail.message), or the engine's answer when the request itself failed. */
  message: string;
  /** errorDetail.code: the classic builder puts a failed RUN's exit code there. */
  code: number | null;
  /** The step running when it stopped; null when the builder stopped before any (a parse error). */
  step: BuildStep | null;
  /** The --target asked for; empty for the last stage. */
  target: string;
}

/** How many of the command's last output lines the failure keeps. */
export const FAILURE_OUTPUT_LINES = 20;

const commandFailed = [
  // dockerd: "The command '/bin/sh -c exit 3' returned a non-zero code: 3"
  /returned a non-zero code: (\d+)/,
  // Podman: `building at STEP "RUN exit 3": while running runtime: exit status 3`
  /while running runtime: exit status (\d+)/,
  /exit status (\d+)/,
];
const syntaxLine = /(?:dockerfile )?parse error (?:on )?line (\d+)/i;
const syntaxWords =
  /unknown instruction|parse error|dockerfile parse|instruction requires|requires (?:at least|exactly) (?:one|two)|unknown flag/i;
const targetWords =
  /failed to reach build target|target (?:stage )?"?[^"\s]*"? (?:was )?not found|no stage (?:named|with name)/i;
const copyWords =
  /file not found in build context|COPY failed|ADD failed|no such file or directory|no source files were specified|checking on sources/i;

export function classifyBuildFailure(input: BuildFailureInput): BuildFailure {
  const { message, step } = input;
  const keyword = step ? keywordOf(step.instruction) : null;
  const failure = (kind: BuildFailureKind, extra: Partial<BuildFailure> = {}): BuildFailure => ({
    kind,
    step: step?.index ?? null,
    line: step?.line ?? null,
    exitCode: null,
    subject: null,
    lastOutput: step ? step.output.slice(-FAILURE_OUTPUT_LINES) : [],
    ...extra,
  });

  if (targetWords.test(message) || (input.target && !step && /target/i.test(message))) {
    return failure('target-not-found', { subject: input.target || null, step: null, line: null });
  }
  const syntax = syntaxLine.exec(message);
  if (syntax || (syntaxWords.test(message) && keyword !== 'RUN')) {
    return failure('dockerfile-syntax', {
      line: syntax ? Number(syntax[1]) : (step?.line ?? null),
      step: syntax ? null : (step?.index ?? null),
      lastOutput: [],
    });
  }
  if (keyword === 'RUN') {
    for (const pattern of commandFailed) {
      const match = pattern.exec(message);
      if (match) return failure('command-failed', { exitCode: Number(match[1]) });
    }
    if (input.code !== null && input.code > 0) return failure('command-failed', { exitCode: input.code });
  }
  if ((keyword === 'COPY' || keyword === 'ADD') && copyWords.test(message)) {
    return failure('copy-source-missing', { subject: copySource(message, step!.instruction) });
  }
  if (keyword === 'FROM') {
    return failure('base-not-found', { subject: baseImage(step!.instruction), lastOutput: [] });
  }
  return failure('other');
}

/** FROM's image: the first word that is not a flag. */
function baseImage(instruction: string): string | null {
  return (
    instruction
      .trim()
      .split(/\s+/)
      .slice(1)
      .find((word) => !word.startsWith('--')) ?? null
  );
}

/**
 * The source the builder could not find: dockerd names it after "stat " ("stat missing.txt: file
 * does not exist"), Podman quotes its path in the context ("stat: \"/missing.txt\""). Otherwise the
 * instruction's first source.
 */
function copySource(message: string, instruction: string): string | null {
  const dockerd = /stat ([^:]+): file does not exist/.exec(message);
  if (dockerd) return dockerd[1]!.trim();
  const podman = /stat: "\/?([^"]+)": no such file/.exec(message);
  if (podman) return podman[1]!;
  const words = instruction
    .trim()
    .split(/\s+/)
    .slice(1)
    .filter((word) => !word.startsWith('--'));
  return words.length >= 2 ? words[0]! : null;
}
