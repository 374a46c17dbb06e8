import fs from 'node:fs';
import path from 'node:path';
import type { ComposeRiskyMount, ComposeTarget } from '../../shared/compose';
import { readComposeProject } from './composeProject';
import { parseDotEnv } from './interpolation';
import { checkTargetFiles, composeFilesOf } from './composeTargetFiles';

/**
 * The risky bind mounts (the disk, the engine's socket, a system folder) of exactly the files up
 * will give compose, read by the same model the Compose page shows, so the confirmation the page
 * asks names the same mounts up checks. ${VAR}s as compose fills them: the shell's, then the
 * folder's .env. Files that cannot be read as YAML have no model: compose refuses them by itself.
 */
export async function targetRiskyMounts(
  target: ComposeTarget,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<ComposeRiskyMount[]> {
  const files = composeFilesOf(target);
  const realFolder = checkTargetFiles({ ...target, files });
  const texts = await Promise.all(
    files.map(async (file) => ({
      name: path.relative(realFolder, await fs.promises.realpath(file)),
      content: await fs.promises.readFile(file, 'utf8'),
    })),
  );
  let dotEnv = new Map<string, string>();
  try {
    const envFile = await fs.promises.realpath(path.join(realFolder, '.env'));
    if (path.dirname(envFile) === realFolder) dotEnv = parseDotEnv(await fs.promises.readFile(envFile, 'utf8'));
  } catch {
    // No .env: the shell's variables only.
  }
  const read = readComposeProject({
    realFolder,
    files: texts,
    variables: (name) => (Object.hasOwn(environment, name) ? environment[name] : undefined) ?? dotEnv.get(name),
  });
  return read.model?.riskyMounts ?? [];
}
