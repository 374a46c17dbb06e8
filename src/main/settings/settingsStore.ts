import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultSettings,
  engineChoiceSchema,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
  type SettingsState,
} from '../../shared/settings';
import { Emitter, type Dispose, type Listener } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import { invalidInputError } from '../contractServer';

export interface SettingsStoreOptions {
  /** The settings file (JSON); null keeps the settings in memory only (tests, previews). */
  filePath: string | null;
  /** The clock used to name the backup of a corrupt file. */
  now?: () => Date;
}

/** What went wrong with a settings file, before it is set aside. */
class UnusableFile extends Error {}

/**
 * The user's settings, kept in one JSON file. A missing file means defaults. A file that cannot be
 * read or is not valid settings is never thrown away: it is moved aside as
 * `<file>.corrupt-<timestamp>.json`, defaults are used and saved, and the state says so once
 * (recovered). Every change is written atomically (temporary file in the same folder, fsync,
 * rename), so a crash mid-write leaves the old file or the new one, never half of one.
 */
export class SettingsStore {
  readonly filePath: string | null;
  private current: Settings = defaultSettings;
  private recovered: SettingsState['recovered'] = null;
  private readonly changed = new Emitter<SettingsState>();
  private readonly now: () => Date;
  /** Updates run one after another, so each one merges into the settings the previous one saved. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SettingsStoreOptions) {
    this.filePath = options.filePath;
    this.now = options.now ?? (() => new Date());
  }

  /** Settings that live in memory only, starting from the defaults. */
  static inMemory(): SettingsStore {
    return new SettingsStore({ filePath: null });
  }

  /** Reads the file (synchronously: the app needs its settings before its first window). */
  load(): SettingsState {
    this.recovered = null;
    this.current = defaultSettings;
    const filePath = this.filePath;
    if (filePath === null) return this.state();
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.state();
      this.recover(filePath, `The settings file could not be read: ${describe(error)}`);
      return this.state();
    }
    try {
      this.current = parseSettingsFile(text);
    } catch (error) {
      if (!(error instanceof UnusableFile)) throw error;
      this.recover(filePath, error.message);
    }
    return this.state();
  }

  state(): SettingsState {
    return { settings: this.current, recovered: this.recovered, path: this.filePath ?? '' };
  }

  settings(): Settings {
    return this.current;
  }

  /**
   * Validates a patch (invalid-input with issues otherwise), merges it (notifications key by key),
   * saves, then tells every listener. Resolves with the new state once it is on disk.
   */
  update(patch: SettingsPatch): Promise<SettingsState> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) return Promise.reject(invalidInputError(parsed.error));
    const run = this.queue.then(() => this.apply(parsed.data));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Called with the new state after every saved change; returns the unsubscribe function. */
  onChange(listener: Listener<SettingsState>): Dispose {
    return this.changed.event(listener);
  }

  /** The current state at once, then the state after each saved change: what 'settings.changes' sends. */
  subscribe(emit: Listener<SettingsState>): Dispose {
    emit(this.state());
    return this.changed.event(emit);
  }

  private async apply(patch: SettingsPatch): Promise<SettingsState> {
    const next = mergeSettings(this.current, patch);
    if (JSON.stringify(next) === JSON.stringify(this.current)) return this.state();
    if (this.filePath !== null) {
      try {
        await writeFileAtomic(this.filePath, serialize(next));
      } catch (error) {
        throw new BerthError('internal', `The settings could not be saved to ${this.filePath}: ${describe(error)}`);
      }
    }
    this.current = next;
    this.emit();
    return this.state();
  }

  private emit(): void {
    // One listener failing (a closed window) does not keep the others from hearing of the change.
    this.changed.fire(this.state());
  }

  /** Moves an unusable file aside (keeping every byte), then starts over from saved defaults. */
  private recover(filePath: string, reason: string): void {
    const backupPath = uniqueBackupPath(filePath, this.now());
    try {
      fs.renameSync(filePath, backupPath);
    } catch (error) {
      // It could not be moved: leave it where it is, untouched, and do not save over it now.
      this.recovered = {
        backupPath: filePath,
        reason: `${reason} It could not be moved aside (${describe(error)}) and was left as it is.`,
      };
      return;
    }
    this.recovered = { backupPath, reason };
    try {
      writeFileAtomicSync(filePath, serialize(defaultSettings));
    } catch {
      // Defaults are in use either way; the next change tries to save again.
    }
  }
}

/**
 * Reads a settings file. Keys Berth does not know (from a newer or older version) are dropped
 * rather than failing the whole file; a known key with a wrong value makes the file unusable.
 */
export function parseSettingsFile(text: string): Settings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UnusableFile(`The settings file is not valid JSON: ${describe(error)}`);
  }
  const parsed = settingsSchema.safeParse(dropUnknownKeys(json));
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`)
      .join('; ');
    throw new UnusableFile(`The settings file has invalid settings: ${issues}`);
  }
  return parsed.data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key)));
}

/** The same value without the keys the (strict) settings schema does not know, at every level. */
function dropUnknownKeys(json: unknown): unknown {
  if (!isPlainObject(json)) return json;
  const result = pick(json, Object.keys(settingsSchema.shape));
  if (isPlainObject(result.notifications)) {
    result.notifications = pick(result.notifications, Object.keys(settingsSchema.shape.notifications.unwrap().shape));
  }
  if (isPlainObject(result.onboarding)) {
    result.onboarding = pick(result.onboarding, Object.keys(settingsSchema.shape.onboarding.unwrap().shape));
  }
  if (isPlainObject(result.engine)) {
    const engine = result.engine;
    const variant = engineChoiceSchema.options.find((option) => option.shape.kind.value === engine.kind);
    if (variant) result.engine = pick(engine, Object.keys(variant.shape));
  }
  return result;
}

/** The settings with a patch applied; what the patch does not name stays as it is. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const only = (part: object | undefined) =>
    Object.fromEntries(Object.entries(part ?? {}).filter(([, value]) => value !== undefined));
  return settingsSchema.parse({
    ...current,
    ...defined,
    notifications: { ...current.notifications, ...only(patch.notifications) },
    onboarding: { ...current.onboarding, ...only(patch.onboarding) },
  });
}

function serialize(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `<file>.corrupt-<timestamp>.json`, with a counter when that name is taken. */
export function uniqueBackupPath(filePath: string, when: Date): string {
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  let candidate = `${filePath}.corrupt-${stamp}.json`;
  for (let index = 2; fs.existsSync(candidate); index += 1) candidate = `${filePath}.corrupt-${stamp}-${index}.json`;
  return candidate;
}

export function tempPathFor(filePath: string): string {
  return path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

/**
 * Writes a file so that readers see the old content or the new, never a part: temp file, fsync, rename.
 * The file gets `mode` (0o600, private, unless told).
 */
export async function writeFileAtomic(filePath: string, content: string | Buffer, mode = 0o600): Promise<void> {
  await fs.promises.mkdir(path.dirname(filePath), { recursive: true });
  const temp = tempPathFor(filePath);
  try {
    const handle = await fs.promises.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(content, typeof content === 'string' ? 'utf8' : undefined);
      // Set after opening: the umask would take bits off a mode given to open.
      if (mode !== 0o600) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, filePath);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(filePath));
}

function writeFileAtomicSync(filePath: string, content: string): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const temp = tempPathFor(filePath);
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, content, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Makes the rename itself durable where the platform allows it (not on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: some file systems refuse fsync on a directory.
  }
}
