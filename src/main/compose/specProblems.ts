import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ComposeProblem, ComposeProblemKind } from '../../shared/compose';
import composeSpec from './compose-spec.json';
import { nodeAt, pathText, plainOf, type Located, type Place } from './locatedYaml';

/**
 * The project checked against the Compose Specification's JSON schema, each error as a problem with
 * the place of the value it is about (for an unknown key, the key itself).
 */

let validator: ValidateFunction | null = null;

/** Compiled once: compiling the specification takes longer than checking a file. */
function compiled(): ValidateFunction {
  validator ??= new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(composeSpec);
  return validator;
}

/** A problem at a path of the merged project, placed where the value (or key) is written. */
export function problemAt(
  root: Located | null,
  fallbackFile: string,
  kind: ComposeProblemKind,
  segments: readonly string[],
  params: Record<string, string>,
  options: { keyPlace?: boolean } = {},
): ComposeProblem {
  const found = nodeAt(root, segments);
  const place: Place | null = (options.keyPlace ? found.keyPlace : null) ?? found.node?.place ?? found.keyPlace;
  return {
    kind,
    file: place?.file ?? fallbackFile,
    line: place?.line ?? null,
    column: place?.column ?? null,
    at: pathText(segments, found.parentKinds),
    params,
  };
}

interface Pending {
  kind: ComposeProblemKind;
  segments: string[];
  params: Record<string, string>;
  /** Placed at the key rather than its value. */
  keyPlace: boolean;
  /** A wrong type at exactly this path: the first to drop when a oneOf has a branch that fits better. */
  typeOnly: boolean;
}

function segmentsOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s, i) => s === b[i]);
const under = (path: readonly string[], root: readonly string[]) =>
  path.length >= root.length && root.every((s, i) => s === path[i]);

function pendingOf(error: ErrorObject): Pending {
  const segments = segmentsOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const base = { segments, keyPlace: false, typeOnly: false };
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { ...base, kind: 'unknown-key', segments: [...segments, key], params: { key }, keyPlace: true };
    }
    case 'type': {
      const expected = Array.isArray(params.type) ? params.type.join(', ') : String(params.type);
      return { ...base, kind: 'wrong-type', params: { expected }, typeOnly: true };
    }
    case 'required':
      return { ...base, kind: 'missing-key', params: { key: String(params.missingProperty) } };
    case 'enum':
      return {
        ...base,
        kind: 'not-allowed',
        params: { allowed: (params.allowedValues as unknown[]).map(String).join(', ') },
      };
    case 'const':
      return { ...base, kind: 'not-allowed', params: { allowed: String(params.allowedValue) } };
    default:
      return { ...base, kind: 'bad-value', params: {} };
  }
}

/**
 * oneOf/anyOf report every branch that failed, then themselves. The branches whose only complaint
 * is the value's type at that place did not fit at all: when another branch fits the type and fails
 * deeper, its errors say what is wrong; when none fits, one wrong-type row names the types allowed.
 */
function collapse(branches: Pending[], error: ErrorObject): Pending[] {
  const segments = segmentsOf(error.instancePath);
  const deeper = branches.filter((branch) => !(branch.typeOnly && samePath(branch.segments, segments)));
  if (deeper.length > 0) return deeper;
  const expected = [...new Set(branches.flatMap((branch) => branch.params.expected?.split(', ') ?? []))];
  if (expected.length === 0) return [{ kind: 'bad-value', segments, params: {}, keyPlace: false, typeOnly: false }];
  return [{ kind: 'wrong-type', segments, params: { expected: expected.join(', ') }, keyPlace: false, typeOnly: true }];
}

export function specProblems(root: Located | null, mainFile: string): ComposeProblem[] {
  const validate = compiled();
  if (validate(root ? plainOf(root) : {})) return [];
  const pending: Pending[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      // ajv reports a oneOf's branch errors just before it: they are the run at its place or below.
      const segments = segmentsOf(error.instancePath);
      let start = pending.length;
      while (start > 0 && under(pending[start - 1]?.segments ?? [], segments)) start--;
      pending.push(...collapse(pending.splice(start), error));
    } else {
      pending.push(pendingOf(error));
    }
  }
  const seen = new Set<string>();
  const problems: ComposeProblem[] = [];
  for (const item of pending) {
    const key = JSON.stringify([item.kind, item.segments, item.params]);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problemAt(root, mainFile, item.kind, item.segments, item.params, { keyPlace: item.keyPlace }));
  }
  return problems;
}
