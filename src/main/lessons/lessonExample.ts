import path from 'node:path';
import { BerthError } from '../../shared/errors';
import { copyOnce, realFolderPath, repositoryExamplesDir } from '../files/projectFolder';

/**
 * Copies a lesson's example project (resources/examples/<example>) into the folder the user picked,
 * as <folder>/<example>. A folder of that name already there is kept as it is (the learner's copy,
 * maybe edited): nothing in the user's files is ever written over. Returns the copy's path.
 */
export async function copyLessonExample(input: {
  example: string | undefined;
  folder: string;
  examplesDir?: string;
  /** Whether Berth may write there (in Electron: the folder was chosen in the OS dialog). */
  mayWrite: (realFolder: string) => boolean;
}): Promise<string> {
  if (!input.example) throw new BerthError('invalid-input', 'This lesson has no example project to copy.');
  const realFolder = await realFolderPath(path.resolve(input.folder), 'folder');
  if (!input.mayWrite(realFolder)) {
    throw new BerthError(
      'forbidden',
      `${realFolder} was not chosen in the folder dialog: Berth writes only where the user chose.`,
    );
  }
  const target = path.join(realFolder, input.example);
  await copyOnce(path.join(input.examplesDir ?? repositoryExamplesDir(), input.example), target);
  return target;
}
