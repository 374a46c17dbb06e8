import type { TFunction } from 'i18next';
import { buildArgSchema, buildOptionsSchema, type BuildOptions } from '../../../shared/builds';
import type { ParsedDockerfile } from '../../../shared/dockerfile';
import { referenceProblemMessage } from '../../../shared/i18n/referenceProblems';
import { parseImageReference } from '../../../shared/imageReference';
import type { FieldErrors } from '../run/runForm';

export interface BuildArgRow {
  name: string;
  value: string;
}

/** What the Build page's option fields hold, as typed. */
export interface BuildForm {
  /** -t: name[:tag]; empty builds an image without a name. */
  tag: string;
  buildArgs: BuildArgRow[];
  /** --target: a stage's name; empty builds the last stage. */
  target: string;
  noCache: boolean;
  pull: boolean;
}

export function emptyBuildForm(tag = ''): BuildForm {
  return { tag, buildArgs: [], target: '', noCache: false, pull: false };
}

/** A name for the image from the folder's name ("My Site" → my-site), the usual first choice. */
export function suggestedTag(folder: string): string {
  const base = folder.split(/[\\/]/).filter(Boolean).pop() ?? '';
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return parseImageReference(name).ok ? name : 'my-image';
}

/** Arguments the builder sets without an ARG line (docker build's predefined ones). */
const predefinedArgs = new Set(
  ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((name) => [name, name.toLowerCase()]),
);

/** Build argument names no ARG line of the Dockerfile declares: the builder ignores them (with a warning). */
export function undeclaredArgs(form: BuildForm, dockerfile: ParsedDockerfile): string[] {
  const declared = new Set(
    dockerfile.instructions
      .filter((instruction) => instruction.keyword === 'ARG')
      .map((instruction) => instruction.args.split('=')[0]?.trim() ?? ''),
  );
  return form.buildArgs
    .map((row) => row.name.trim())
    .filter((name) => name !== '' && !declared.has(name) && !predefinedArgs.has(name));
}

/**
 * Checks the options as the user typed them and turns them into what builds.start takes. The
 * image name uses the reference grammar `docker pull` and the run dialog use; a stage to stop at
 * must be one the Dockerfile (as it is in the editor) names.
 */
export function validateBuildForm(
  t: TFunction,
  form: BuildForm,
  place: { contextPath: string; dockerfile: string; stages: ParsedDockerfile['stages'] },
): { options: BuildOptions | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const tag = form.tag.trim();
  if (tag !== '') {
    const reference = parseImageReference(tag);
    if (!reference.ok) errors.tag = referenceProblemMessage(t, tag, reference.problem);
    else if (reference.reference.digest !== null) errors.tag = t('build.error.tagDigest');
  }
  const seen = new Set<string>();
  const buildArgs: BuildArgRow[] = [];
  form.buildArgs.forEach((row, index) => {
    const name = row.name.trim();
    if (name === '' && row.value === '') return;
    const path = `buildArgs.${index}.name`;
    if (!buildArgSchema.shape.name.safeParse(name).success) errors[path] = t('build.error.argName');
    else if (seen.has(name)) errors[path] = t('build.error.argTwice', { name });
    seen.add(name);
    buildArgs.push({ name, value: row.value });
  });
  const names = place.stages.map((stage) => stage.name).filter((name): name is string => name !== null);
  if (form.target !== '' && !names.includes(form.target))
    errors.target = t('build.error.targetGone', { target: form.target });
  if (Object.keys(errors).length > 0) return { options: null, errors };
  const parsed = buildOptionsSchema.safeParse({
    contextPath: place.contextPath,
    dockerfile: place.dockerfile,
    tag,
    buildArgs,
    target: form.target,
    noCache: form.noCache,
    pull: form.pull,
  });
  if (!parsed.success) return { options: null, errors: { form: t('build.error.generic') } };
  return { options: parsed.data, errors: {} };
}
