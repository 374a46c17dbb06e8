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
}): Promise<string> {
  if (!input.example) throw new BerthError('invalid-input', 'This lesson has no example project to copy.');
  const realFolder = await realFolderPath(path.resolve(input.folder), 'folder');
  const target = path.join(realFolder, input.example);
  await copyOnce(path.join(input.examplesDir ?? repositoryExamplesDir(), input.example), target);
  return target;
}
