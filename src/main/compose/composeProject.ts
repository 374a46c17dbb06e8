import {
  composeProjectNameSchema,
  MAX_COMPOSE_FILE_BYTES,
  type ComposeModel,
  type ComposeProblem,
} from '../../shared/compose';
import { berthChecks } from './berthChecks';
import { composeModel, projectNameOf } from './composeModel';
import { interpolateTree, type Variables } from './interpolation';
import { nodeAt, pathText, plainOf, readLocatedYaml, type Located } from './locatedYaml';
import { mergeOverride } from './mergeOverride';
import { problemAt, specProblems } from './specProblems';

/**
 * A project's files read as compose reads them, without touching the disk: each parsed, its
 * variables substituted, the overrides laid over the main file, the result checked against the
 * specification and Berth's own rules, and described for Berth to show.
 */

export interface ProjectText {
  /** The file's name inside the folder. */
  name: string;
  content: string;
}

export interface ReadProject {
  projectName: string;
  /** Null while a file cannot be read as a whole (not YAML, not a mapping, too large). */
  model: ComposeModel | null;
  problems: ComposeProblem[];
}

const wholeFile = (
  kind: ComposeProblem['kind'],
  file: string,
  params: Record<string, string> = {},
): ComposeProblem => ({
  kind,
  file,
  line: null,
  column: null,
  at: '',
  params,
});

export function readComposeProject(input: {
  realFolder: string;
  /** The main file first, then its overrides. */
  files: readonly ProjectText[];
  variables: Variables;
}): ReadProject {
  const { realFolder, files, variables } = input;
  const mainFile = files[0]?.name ?? '';
  const problems: ComposeProblem[] = [];
  const roots: (Located | null)[] = [];
  let readable = true;
  for (const file of files) {
    if (Buffer.byteLength(file.content, 'utf8') > MAX_COMPOSE_FILE_BYTES) {
      problems.push(wholeFile('too-large', file.name, { detail: String(MAX_COMPOSE_FILE_BYTES) }));
      readable = false;
      continue;
    }
    const read = readLocatedYaml(file.name, file.content);
    if (!read.ok) {
      for (const error of read.errors) {
        problems.push({
          ...wholeFile('yaml-syntax', file.name, { detail: error.detail }),
          line: error.line,
          column: error.column,
        });
      }
      readable = false;
      continue;
    }
    if (read.root && read.root.kind !== 'map') {
      problems.push({
        ...wholeFile('wrong-type', file.name, { expected: 'object' }),
        line: read.root.place.line,
        column: read.root.place.column,
      });
      readable = false;
      continue;
    }
    for (const problem of interpolateTree(read.root, variables)) {
      problems.push({
        kind: 'bad-value',
        file: problem.place.file,
        line: problem.place.line,
        column: problem.place.column,
        at: pathText(problem.segments, nodeAt(read.root, problem.segments).parentKinds),
        params: { detail: problem.detail },
      });
    }
    roots.push(read.root);
  }
  const fallbackName = projectNameOf(undefined, realFolder, variables);
  if (!readable) return { projectName: fallbackName, model: null, problems };

  const merged = roots.reduce<Located | null>((base, override) => mergeOverride(base, override), null);
  problems.push(...specProblems(merged, mainFile), ...berthChecks(merged, realFolder, mainFile));
  const written = (merged ? (plainOf(merged) as Record<string, unknown>) : {}).name;
  if (typeof written === 'string' && !composeProjectNameSchema.safeParse(written).success) {
    problems.push(problemAt(merged, mainFile, 'bad-value', ['name'], { detail: written }));
  }
  const order = (problem: ComposeProblem) => files.findIndex((file) => file.name === problem.file);
  problems.sort((a, b) => order(a) - order(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return {
    projectName: projectNameOf(written, realFolder, variables),
    model: composeModel(merged, realFolder),
    problems,
  };
}
