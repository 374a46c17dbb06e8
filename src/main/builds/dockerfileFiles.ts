import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DOCKERFILE_ABSENT_VERSION,
  looksLikeDockerfile,
  MAX_DOCKERFILE_BYTES,
  type BuildExampleName,
  type BuildFileProblem,
  type BuildFolder,
  type DockerfileDocument,
  type DockerfileSaveResult,
} from '../../shared/builds';
import { BerthError, type ErrorCode } from '../../shared/errors';
import { writeFileAtomic } from '../settings/settingsStore';
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

export interface DockerfileFilesOptions {
  /** Berth's own folder, where the examples are copied; without it a temporary one, removed by dispose(). */
  workDir?: string;
  /** The bundled examples (resources/examples); without it found above this file (development, tests). */
  examplesDir?: string;
  /**
   * Whether only the folders the user chose in the OS folder dialog (chooseFolder) and the examples'
   * copies may get a new Dockerfile, or a save to a file not named like one. Electron has the dialog:
   * a taken-over renderer could open ~/.bashrc as "the Dockerfile asked for", but cannot choose a
   * folder for the user. Without a dialog (the harness, where the user types the path) every folder
   * opened counts as chosen.
   */
  onlyChosenFolders?: boolean;
}

/** The names tried, in order, when the folder is opened without naming its Dockerfile. */
const DEFAULT_DOCKERFILES = ['Dockerfile', 'Containerfile'];
/** How deep and how much the candidate search looks: a node_modules must not make opening slow. */
const CANDIDATE_DEPTH = 2;
const CANDIDATE_MAX_ENTRIES = 5_000;
const SKIPPED_FOLDERS = new Set(['node_modules']);
/** A Dockerfile Berth creates: readable by all, as an editor would make it. */
const NEW_DOCKERFILE_MODE = 0o644;

function fail(
  code: ErrorCode,
  field: 'folder' | 'contextPath' | 'dockerfile',
  problem: BuildFileProblem,
  message: string,
): BerthError {
  return new BerthError(code, message, [{ path: field, message: problem }]);
}

/** "docker\\dev.Dockerfile" and "./Dockerfile" as the contract writes them: "docker/dev.Dockerfile", "Dockerfile". */
function normalizeDockerfilePath(dockerfile: string): string {
  return path.posix.normalize(dockerfile.replace(/\\/g, '/')).replace(/\/+$/, '');
}

/** Where a Dockerfile is on disk, links resolved; the file is absent when nothing has its name yet. */
interface Located {
  relative: string;
  /** Its real path, or where it would be created (null: its folder does not exist either). */
  realPath: string | null;
  document: DockerfileDocument | null;
  mode: number | null;
}

/**
 * The folder to build and its Dockerfile on disk: opening, finding candidates, and saving only what
 * was opened, only over the version the editor started from, atomically. The examples are copied
 * into Berth's own folder once, so a learner's edits stay.
 */
export class DockerfileFiles {
  /** Real paths of the Dockerfiles opened (or created) here: the only ones a save may replace. */
  private readonly openedFiles = new Set<string>();
  /** Real paths of the folders opened: a new Dockerfile may be created in them. */
  private readonly openedFolders = new Set<string>();
  /** Real paths of the folders the user chose in the OS dialog, and the examples' copies (with their subfolders). */
  private readonly chosenFolders = new Set<string>();
  /** One save or example copy at a time per file, so two saves from Berth never interleave. */
  private readonly queue = new KeyedQueue();
  private ownWorkDir: string | null = null;

  constructor(private readonly options: DockerfileFilesOptions = {}) {}

  async openFolder(input: { folder: string; dockerfile: string | null }): Promise<BuildFolder> {
    const contextPath = path.resolve(input.folder);
    const realFolder = await realBuildFolder(contextPath);
    const candidates = await findCandidates(realFolder);
    let located: Located | null = null;
    if (input.dockerfile !== null) {
      located = await this.locate(realFolder, input.dockerfile);
    } else {
      for (const name of DEFAULT_DOCKERFILES) {
        located = await this.locate(realFolder, name);
        if (located.document) break;
      }
    }
    this.openedFolders.add(realFolder);
    const document = located?.document ?? null;
    if (document && located?.realPath) this.openedFiles.add(located.realPath);
    return { contextPath, dockerfile: document, candidates };
  }

  async openExample(input: { name: BuildExampleName }): Promise<BuildFolder> {
    const target = path.join(this.workDir(), input.name);
    await this.queue.run(`example:${target}`, () => copyOnce(path.join(this.examplesDir(), input.name), target));
    this.chooseFolder(target);
    return this.openFolder({ folder: target, dockerfile: null });
  }

  /** The user chose this folder in the OS folder dialog: its files may be saved, a Dockerfile created in it. */
  chooseFolder(folder: string): void {
    try {
      this.chosenFolders.add(fs.realpathSync(folder));
    } catch {
      // Gone already: opening it will say so.
    }
  }

  async saveDockerfile(input: {
    contextPath: string;
    dockerfile: string;
    content: string;
    version: string;
  }): Promise<DockerfileSaveResult> {
    const realFolder = await realBuildFolder(path.resolve(input.contextPath));
    const relative = normalizeDockerfilePath(input.dockerfile);
    return this.queue.run(`file:${path.join(realFolder, relative)}`, async () => {
      const located = await this.locate(realFolder, relative);
      const namedLikeOne = looksLikeDockerfile(path.posix.basename(relative));
      const chosen = this.isChosen(realFolder);
      const creating =
        input.version === DOCKERFILE_ABSENT_VERSION && this.openedFolders.has(realFolder) && namedLikeOne && chosen;
      const replacing = located.realPath !== null && this.openedFiles.has(located.realPath) && (namedLikeOne || chosen);
      if (!located.realPath || !(replacing || creating)) {
        throw fail('forbidden', 'dockerfile', 'not-opened', `${relative} in ${realFolder} was not opened in Berth.`);
      }
      const onDisk = located.document ?? { path: relative, content: '', version: DOCKERFILE_ABSENT_VERSION };
      if (onDisk.version !== input.version) return { saved: false, onDisk };
      const bytes = Buffer.from(input.content, 'utf8');
      await saveFile(located.realPath, bytes, located.mode);
      this.openedFiles.add(located.realPath);
      return { saved: true, document: { path: relative, content: input.content, version: fileVersion(bytes) } };
    });
  }

  /** Whether Berth may write in this folder: chosen in the OS dialog (or any folder, without the dialog). */
  isChosen(realFolder: string): boolean {
    if (!this.options.onlyChosenFolders) return true;
    return [...this.chosenFolders].some((chosen) => chosen === realFolder || isInside(chosen, realFolder));
  }

  /** Removes the temporary work folder, when Berth made one. */
  dispose(): void {
    if (this.ownWorkDir) fs.rmSync(this.ownWorkDir, { recursive: true, force: true });
    this.ownWorkDir = null;
  }

  private workDir(): string {
    if (this.options.workDir) return this.options.workDir;
    this.ownWorkDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'berth-work-'));
    return this.ownWorkDir;
  }

  private examplesDir(): string {
    return this.options.examplesDir ?? repositoryExamplesDir();
  }

  /** The Dockerfile at `dockerfile` inside the folder: read when it is there, refused when it leads outside. */
  private async locate(realFolder: string, dockerfile: string): Promise<Located> {
    const relative = normalizeDockerfilePath(dockerfile);
    const joined = path.resolve(realFolder, ...relative.split('/'));
    const outside = () =>
      fail(
        'forbidden',
        'dockerfile',
        'outside-folder',
        `${relative} leads outside ${realFolder}: Berth does not open it.`,
      );
    if (!isInside(realFolder, joined)) throw outside();
    let realPath: string;
    try {
      realPath = await fs.promises.realpath(joined);
    } catch (error) {
      if (!isMissingError(error))
        throw fail('forbidden', 'dockerfile', 'dockerfile-unreadable', `${relative}: ${String(error)}`);
      // Not there (or a link to nothing): where it would be created, if its folder is inside.
      const parent = await fs.promises.realpath(path.dirname(joined)).catch(() => null);
      if (parent !== null && parent !== realFolder && !isInside(realFolder, parent)) throw outside();
      // A link to nothing is not a place to create a file: a save would replace the link.
      const danglingLink = await fs.promises.lstat(joined).then(
        () => true,
        () => false,
      );
      const wouldBe = parent === null || danglingLink ? null : path.join(parent, path.basename(joined));
      return { relative, realPath: wouldBe, document: null, mode: null };
    }
    if (!isInside(realFolder, realPath)) throw outside();
    let stats: fs.Stats;
    let bytes: Buffer;
    try {
      stats = await fs.promises.stat(realPath);
      if (!stats.isFile()) throw fail('invalid-input', 'dockerfile', 'not-a-file', `${relative} is not a file.`);
      if (stats.size > MAX_DOCKERFILE_BYTES) {
        throw fail('invalid-input', 'dockerfile', 'dockerfile-too-large', `${relative} has ${stats.size} bytes.`);
      }
      bytes = await fs.promises.readFile(realPath);
    } catch (error) {
      if (error instanceof BerthError) throw error;
      throw fail('forbidden', 'dockerfile', 'dockerfile-unreadable', `${relative} cannot be read: ${String(error)}`);
    }
    return {
      relative,
      realPath,
      document: { path: relative, content: bytes.toString('utf8'), version: fileVersion(bytes) },
      mode: stats.mode & 0o7777,
    };
  }
}

/**
 * A build folder's real path (links resolved), or a clear error whose issue names the problem
 * (folder-missing, not-a-folder, folder-unreadable) for the form to say in the user's language.
 */
export function realBuildFolder(folder: string, field: 'folder' | 'contextPath' = 'folder'): Promise<string> {
  return realFolderPath(folder, field);
}

/**
 * The folder's files that look like Dockerfiles, as paths inside it ("Dockerfile", "docker/dev.Dockerfile"):
 * the folder and two levels below, hidden folders and node_modules skipped, links never followed.
 */
async function findCandidates(realFolder: string): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  let level: string[] = [''];
  for (let depth = 0; depth <= CANDIDATE_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const relativeDir of level) {
      const entries = await fs.promises
        .readdir(path.join(realFolder, relativeDir), { withFileTypes: true })
        .catch(() => [] as fs.Dirent[]);
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (++seen > CANDIDATE_MAX_ENTRIES) return found;
        const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) next.push(relative);
        } else if (
          looksLikeDockerfile(entry.name) &&
          (entry.isFile() || (await linksToFileInside(realFolder, relative)))
        ) {
          found.push(relative);
        }
      }
    }
    level = next;
  }
  return found;
}

async function linksToFileInside(realFolder: string, relative: string): Promise<boolean> {
  try {
    const real = await fs.promises.realpath(path.join(realFolder, relative));
    return isInside(realFolder, real) && (await fs.promises.stat(real)).isFile();
  } catch {
    return false;
  }
}

/** Atomically (a reader sees the old file or the new one, never half), keeping the file's permissions. */
async function saveFile(target: string, bytes: Buffer, mode: number | null): Promise<void> {
  try {
    await writeFileAtomic(target, bytes, mode ?? NEW_DOCKERFILE_MODE);
  } catch (error) {
    const code: ErrorCode = isPermissionError(error) ? 'forbidden' : 'internal';
    throw fail(code, 'dockerfile', 'write-failed', `Saving ${target} failed: ${String(error)}`);
  }
}
