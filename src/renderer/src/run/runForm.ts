import type { TFunction } from 'i18next';
import { parseImageReference } from '../../../shared/imageReference';
import { referenceProblemMessage } from '../../../shared/i18n/referenceProblems';
import type { WireError } from '../../../shared/errors';
import {
  BIND_FORBIDDEN,
  BIND_SOURCE_MISSING,
  forbiddenBindReason,
  runInputSchema,
  type ExposedPorts,
  type ForbiddenBindReason,
  type RunCheckIssue,
  type RunInput,
  type RunRequest,
} from '../../../shared/run';

export interface PortRow {
  hostIp: '127.0.0.1' | '0.0.0.0';
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp';
}
export interface EnvRow {
  key: string;
  value: string;
}
export type VolumeRow =
  | { kind: 'named'; name: string; containerPath: string; readOnly: boolean }
  | { kind: 'bind'; hostPath: string; containerPath: string; readOnly: boolean; confirmed: boolean };

/** What the run dialog's fields hold, as typed (numbers still text). */
export interface RunForm {
  image: string;
  name: string;
  ports: PortRow[];
  env: EnvRow[];
  volumes: VolumeRow[];
  command: string;
  autoRemove: boolean;
  restartPolicy: RunRequest['restartPolicy'];
}

export function emptyRunForm(image = ''): RunForm {
  return { image, name: '', ports: [], env: [], volumes: [], command: '', autoRemove: false, restartPolicy: 'no' };
}

/** Ports an image's EXPOSE lists become rows with the same host port, the usual first choice. */
export function portRowsFor(exposed: ExposedPorts['ports']): PortRow[] {
  return exposed.map(({ port, protocol }) => ({
    hostIp: '127.0.0.1',
    hostPort: String(port),
    containerPort: String(port),
    protocol,
  }));
}

/** The list with the item at index replaced by the patched copy: every row editor's change. */
export function replaceAt<T>(list: readonly T[], index: number, patch: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...patch } : item));
}

/**
 * Field paths ("ports.2.hostPort") after row index of a list was removed: that row's paths go, the
 * later rows' move up one, so what the user already left (blurred) stays theirs.
 */
export function pathsAfterRemoving(paths: ReadonlySet<string>, list: string, index: number): Set<string> {
  const next = new Set<string>();
  for (const path of paths) {
    const [head, row, ...rest] = path.split('.');
    if (head !== list || row === undefined) next.add(path);
    else if (Number(row) < index) next.add(path);
    else if (Number(row) > index) next.add([head, Number(row) - 1, ...rest].join('.'));
  }
  return next;
}

/**
 * The errors to show: a field's own mistakes once the user has left it (blur) or tried to run
 * (submitted), never while they are still typing their first character. What the engine found
 * (a name or port taken, a folder refused) is a fact about the world, shown as soon as it is known.
 */
export function visibleErrors(
  formErrors: FieldErrors,
  left: ReadonlySet<string>,
  submitted: boolean,
  ...engine: FieldErrors[]
): FieldErrors {
  const shown: FieldErrors = {};
  for (const [path, message] of Object.entries(formErrors)) {
    if (submitted || left.has(path)) shown[path] = message;
  }
  return Object.assign(shown, ...engine) as FieldErrors;
}

const toPort = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export function toRunInput(form: RunForm): RunInput {
  return {
    image: form.image.trim(),
    name: form.name.trim() || null,
    ports: form.ports.map((row) => ({
      hostIp: row.hostIp,
      hostPort: row.hostPort.trim() === '' ? null : toPort(row.hostPort),
      containerPort: toPort(row.containerPort),
      protocol: row.protocol,
    })),
    env: form.env
      .filter((row) => row.key !== '' || row.value !== '')
      .map((row) => ({ key: row.key.trim(), value: row.value })),
    volumes: form.volumes.map((row) =>
      row.kind === 'named'
        ? { kind: 'named', name: row.name.trim(), containerPath: row.containerPath.trim(), readOnly: row.readOnly }
        : {
            kind: 'bind',
            hostPath: row.hostPath.trim(),
            containerPath: row.containerPath.trim(),
            readOnly: row.readOnly,
            confirmed: row.confirmed as true,
          },
    ),
    // The line as typed: the contract's schema splits it like a shell, here and in the main process.
    command: form.command.trim() ? form.command : null,
    autoRemove: form.autoRemove,
    restartPolicy: form.restartPolicy,
  };
}

/** Field path ("image", "ports.0.hostPort", ...) → a sentence in the user's language. */
export type FieldErrors = Record<string, string>;

/** Validates with the contract's own schema, so the dialog and the main process agree on every rule. */
export function validateRunForm(t: TFunction, form: RunForm): { input: RunRequest | null; errors: FieldErrors } {
  const parsed = runInputSchema.safeParse(toRunInput(form));
  if (parsed.success) return { input: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (errors[path]) continue;
    const leaf = String(issue.path[issue.path.length - 1] ?? '');
    let message: string;
    if (path === 'image') {
      const reference = parseImageReference(form.image);
      message = referenceProblemMessage(t, form.image, reference.ok ? 'invalid-name' : reference.problem);
    } else if (path === 'name')
      message =
        issue.code === 'too_small' || issue.code === 'too_big'
          ? t('run.error.nameLength', { count: form.name.trim().length })
          : t('run.error.invalidName');
    else if (path === 'command' && issue.message.startsWith('command:')) {
      const [, problem, position] = issue.message.split(':');
      message = t(`run.error.command.${problem}`, { position: Number(position) });
    } else if (leaf === 'hostPort' && issue.message.includes('twice')) message = t('run.error.duplicatePort');
    else if (leaf === 'hostPort' || leaf === 'containerPort') message = t('run.error.invalidPort');
    else if (leaf === 'key') message = t('run.error.invalidKey');
    else if (leaf === 'hostPath' && issue.message === BIND_FORBIDDEN)
      message = forbiddenMessage(t, forbiddenBindReason(hostPathAt(form, path)));
    else if (leaf === 'hostPath' || leaf === 'containerPath') message = t('run.error.invalidPath');
    else if (leaf === 'confirmed') message = t('run.error.bindNotConfirmed');
    else if (path === 'restartPolicy') message = t('run.error.restartWithRemove');
    else message = t('run.error.generic');
    errors[path] = message;
  }
  return { input: null, errors };
}

/** Why a folder may not be shared; a path that does not say why by its name (a link) gets the general reason. */
function forbiddenMessage(t: TFunction, reason: ForbiddenBindReason | null | undefined): string {
  return reason ? t(`run.error.forbidden.${reason}`) : t('run.error.forbiddenPath');
}

/** The host path typed in the volume row a field path ("volumes.1.hostPath") is in. */
function hostPathAt(form: RunForm, path: string): string {
  const row = form.volumes[Number(path.split('.')[1])];
  return row?.kind === 'bind' ? row.hostPath.trim() : '';
}

/** The engine's objections (name or port taken, a folder refused) as field errors in the user's language. */
export function checkIssueErrors(t: TFunction, form: RunForm, issues: RunCheckIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.code === 'name-in-use') errors[issue.field] = t('run.error.name-in-use', { name: form.name.trim() });
    else if (issue.code === 'folder-missing')
      errors[issue.field] = t('run.error.folderMissing', { path: hostPathAt(form, issue.field) });
    else if (issue.code === 'folder-forbidden') {
      const path = hostPathAt(form, issue.field);
      const reason = forbiddenMessage(t, issue.reason);
      // A link (or "..") leading there says where it leads: the path as typed looked harmless.
      errors[issue.field] =
        issue.realPath && issue.realPath !== path
          ? t('run.error.forbiddenLink', { path, real: issue.realPath, reason })
          : reason;
    } else if (issue.code === 'port-in-use') {
      const index = Number(issue.field.split('.')[1]);
      const port = form.ports[index]?.hostPort ?? '';
      const holder = issue.holder ? t('run.error.portHolder', { name: issue.holder }) : '';
      errors[issue.field] = t('run.error.port-in-use', { port, holder });
    } else {
      const reference = parseImageReference(form.image);
      errors[issue.field] = referenceProblemMessage(t, form.image, reference.ok ? 'invalid-name' : reference.problem);
    }
  }
  return errors;
}

/**
 * What run.start refused about the folders to share (checked on the files, in the main process) as
 * field errors on their rows; other refusals stay with the error card.
 */
export function startIssueErrors(t: TFunction, form: RunForm, issues: WireError['issues']): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const row = form.volumes[Number(issue.path.split('.')[1])];
    if (!/^volumes\.\d+\.hostPath$/.test(issue.path) || row?.kind !== 'bind') continue;
    if (issue.message === BIND_SOURCE_MISSING)
      errors[issue.path] = t('run.error.folderMissing', { path: row.hostPath.trim() });
    else if (issue.message === BIND_FORBIDDEN)
      errors[issue.path] = forbiddenMessage(t, forbiddenBindReason(row.hostPath));
  }
  return errors;
}
