import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  composeFileNames,
  MAX_COMPOSE_FILE_BYTES,
  overrideFileName,
  type ComposeDocument,
  type ComposeExampleName,
  type ComposeFile,
  type ComposeOpenProblem,
  type ComposeSaveResult,
} from '../../shared/compose';
import { BerthError, type ErrorCode } from '../../shared/errors';
import { KeyedQueue } from '../files/keyedQueue';
import {
  copyOnce,
  fileVersion,
  isInside,
  isMissingError,
  isPermissionError,
  realFolderPath,
  repositoryExamplesDir,
} from '../files/projectFolder';
import { writeFileAtomic } from '../settings/settingsStore';
import { readComposeProject } from './composeProject';
import { parseDotEnv, type Variables } from './interpolation';

export interface ComposeFilesOptions {
  /** Berth's own folder, where the example is copied; without it a temporary one, removed by dispose(). */
  workDir?: string;
  /** The bundled examples (resources/examples); without it the repository's (development, tests). */
  examplesDir?: string;
  /** The shell's variables for ${VAR} (they win over the folder's .env, as in compose); process.env unless told. */
  environment?: NodeJS.ProcessEnv;
}

/** The file named when a file rather than a folder is opened: YAML only, so no other file is ever read out. */
const YAML_NAME = /\.ya?ml$/i;
/** The names a save may write: compose files ("docker-compose.prod.yml", "compose.override.yaml"), nothing else. */
const COMPOSE_LIKE_NAME = /compose[^/\\]*\.ya?ml$/i;
const NEW_FILE_MODE = 0o644;

function fail(code: ErrorCode, field: string, problem: ComposeOpenProblem, message: string): BerthError {
  return new BerthError(code, message, [{ path: field, message: problem }]);
}

interface OnDisk {
  file: ComposeFile;
  realPath: string;
  mode: number;
}

/**
 * A compose project's files on disk: opening a folder or a file (with its override), checking the
 * text being edited, and saving only the files opened here, only over the version the editor
 * started from, atomically. The example is copied into Berth's own folder once.
 */
export class ComposeFiles {
  /**
   * Real folder → the projects opened there, each its files' names (main first), the latest first:
   * the only files checked and saved. One folder may hold several (compose.yaml, prod.yml).
   */
  private readonly projects = new Map<string, string[][]>();
  private readonly queue = new KeyedQueue();
  private ownWorkDir: string | null = null;

  constructor(private readonly options: ComposeFilesOptions = {}) {}

  async open(input: { path: string }): Promise<ComposeDocument> {
    const given = path.resolve(input.path);
    const stats = await fs.promises.stat(given).catch((error: unknown) => {
      if (isPermissionError(error)) throw fail('forbidden', 'path', 'folder-unreadable', `${given} cannot be read.`);
      throw fail('not-found', 'path', 'folder-missing', `There is nothing at ${given}.`);
    });
    let realFolder: string;
    let mainName: string;
    if (stats.isDirectory()) {
      realFolder = await realFolderPath(given, 'path');
      const found = composeFileNames.find((name) => fs.existsSync(path.join(realFolder, name)));
      if (!found) {
        throw fail('not-found', 'path', 'no-compose-file', `${given} has no ${composeFileNames.join(', ')}.`);
      }
      mainName = found;
    } else {
      realFolder = await realFolderPath(path.dirname(given), 'path');
      mainName = path.basename(given);
      if (!YAML_NAME.test(mainName))
        throw fail('invalid-input', 'path', 'no-compose-file', `${given} is not a YAML file.`);
    }
    const names = [mainName];
    if ((composeFileNames as readonly string[]).includes(mainName)) {
      const override = overrideFileName(mainName);
      // lstat: a link is the override too (and refused below when it leads outside).
      const present = await fs.promises.lstat(path.join(realFolder, override)).catch(() => null);
      if (present) names.push(override);
    }
    const document = await this.readDocument(realFolder, names, 'path');
    const others = (this.projects.get(realFolder) ?? []).filter((group) => group.join('\n') !== names.join('\n'));
    this.projects.set(realFolder, [names, ...others]);
    return document;
  }

  async openExample(input: { name: ComposeExampleName }): Promise<ComposeDocument> {
    const target = path.join(this.workDir(), input.name);
    await this.queue.run(`example:${target}`, () =>
      copyOnce(path.join(this.options.examplesDir ?? repositoryExamplesDir(), input.name), target),
    );
    return this.open({ path: target });
  }

  /** The text being edited for one file, read with the project's other files from disk; nothing is written. */
  async check(input: { folder: string; file: string; content: string }) {
    const realFolder = await realFolderPath(path.resolve(input.folder), 'folder');
    const names = this.openedNames(realFolder, input.file);
    const files = [];
    for (const name of names) {
      if (name === input.file) {
        files.push({ name, content: input.content });
        continue;
      }
      // Another file of the project, gone or broken since it was opened: checked without it.
      const onDisk = await this.readInside(realFolder, name, 'file').catch(() => null);
      if (onDisk) files.push({ name, content: onDisk.file.content });
    }
    const read = readComposeProject({ realFolder, files, variables: await this.variables(realFolder) });
    return { model: read.model, problems: read.problems };
  }

  async save(input: { folder: string; file: string; content: string; version: string }): Promise<ComposeSaveResult> {
    const realFolder = await realFolderPath(path.resolve(input.folder), 'folder');
    const names = this.openedNames(realFolder, input.file);
    if (!COMPOSE_LIKE_NAME.test(input.file)) {
      throw fail(
        'forbidden',
        'file',
        'not-opened',
        `${input.file} is not named like a compose file: Berth does not write it.`,
      );
    }
    return this.queue.run(`file:${path.join(realFolder, input.file)}`, async () => {
      const onDisk = await this.readInside(realFolder, input.file, 'file');
      if (onDisk.file.version !== input.version) return { saved: false, onDisk: onDisk.file };
      try {
        await writeFileAtomic(onDisk.realPath, Buffer.from(input.content, 'utf8'), onDisk.mode);
      } catch (error) {
        throw fail(
          isPermissionError(error) ? 'forbidden' : 'internal',
          'file',
          'write-failed',
          `Saving ${onDisk.realPath} failed: ${String(error)}`,
        );
      }
      return { saved: true, document: await this.readDocument(realFolder, names, 'file') };
    });
  }

  /** Removes the temporary work folder, when Berth made one. */
  dispose(): void {
    if (this.ownWorkDir) fs.rmSync(this.ownWorkDir, { recursive: true, force: true });
    this.ownWorkDir = null;
  }

  /** The files of the project opened here that `file` belongs to; refused when none has it. */
  private openedNames(realFolder: string, file: string): string[] {
    const names = this.projects.get(realFolder)?.find((group) => group.includes(file));
    if (!names) {
      throw fail('forbidden', 'file', 'not-opened', `${file} in ${realFolder} was not opened in Berth.`);
    }
    return names;
  }

  private async readDocument(realFolder: string, names: readonly string[], field: string): Promise<ComposeDocument> {
    const files: ComposeFile[] = [];
    for (const name of names) files.push((await this.readInside(realFolder, name, field)).file);
    const read = readComposeProject({ realFolder, files, variables: await this.variables(realFolder) });
    return { folder: realFolder, projectName: read.projectName, files, model: read.model, problems: read.problems };
  }

  /** A file of the folder, refused when it (or a link on its way) leads outside, is not a file, or is too large. */
  private async readInside(realFolder: string, name: string, field: string): Promise<OnDisk> {
    const joined = path.join(realFolder, name);
    if (!isInside(realFolder, joined))
      throw fail('forbidden', field, 'outside-folder', `${name} leads outside ${realFolder}.`);
    let realPath: string;
    try {
      realPath = await fs.promises.realpath(joined);
    } catch (error) {
      if (isMissingError(error)) throw fail('not-found', field, 'no-compose-file', `There is no ${joined}.`);
      throw fail('forbidden', field, 'file-unreadable', `${joined} cannot be read: ${String(error)}`);
    }
    if (!isInside(realFolder, realPath)) {
      throw fail('forbidden', field, 'outside-folder', `${name} leads outside ${realFolder}: Berth does not open it.`);
    }
    try {
      const stats = await fs.promises.stat(realPath);
      if (!stats.isFile()) throw fail('invalid-input', field, 'not-a-file', `${joined} is not a file.`);
      if (stats.size > MAX_COMPOSE_FILE_BYTES) {
        throw fail('invalid-input', field, 'too-large', `${joined} has ${stats.size} bytes.`);
      }
      const bytes = await fs.promises.readFile(realPath);
      return {
        file: { path: joined, name, content: bytes.toString('utf8'), version: fileVersion(bytes) },
        realPath,
        mode: stats.mode & 0o7777 || NEW_FILE_MODE,
      };
    } catch (error) {
      if (error instanceof BerthError) throw error;
      throw fail('forbidden', field, 'file-unreadable', `${joined} cannot be read: ${String(error)}`);
    }
  }

  /** ${VAR} values: the shell's, then the folder's .env (when it is a small file inside the folder). */
  private async variables(realFolder: string): Promise<Variables> {
    const environment = this.options.environment ?? process.env;
    let dotEnv = new Map<string, string>();
    const envPath = path.join(realFolder, '.env');
    try {
      const real = await fs.promises.realpath(envPath);
      const stats = await fs.promises.stat(real);
      if (isInside(realFolder, real) && stats.isFile() && stats.size <= MAX_COMPOSE_FILE_BYTES) {
        dotEnv = parseDotEnv(await fs.promises.readFile(real, 'utf8'));
      }
    } catch {
      // No .env: only the shell's variables.
    }
    return (name) => (Object.hasOwn(environment, name) ? environment[name] : undefined) ?? dotEnv.get(name);
  }

  private workDir(): string {
    if (this.options.workDir) return this.options.workDir;
    this.ownWorkDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'berth-work-'));
    return this.ownWorkDir;
  }
}
