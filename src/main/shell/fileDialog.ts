import os from 'node:os';
import path from 'node:path';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';

/** The kinds of file a save dialog offers: a volume's backup (.tar), or any one file of it. */
export type SaveKind = 'tar' | 'any';

const tarFilter = (name: string) => ({ name, extensions: ['tar'] });

/**
 * The OS save dialog for a download or a backup, attached to the window when there is one, starting
 * in the Downloads folder with the suggested name. The backend gets only the path the user chose
 * (null when cancelled): the renderer never sees the dialog.
 */
export function createSaveFilePicker(
  getWindow: () => BrowserWindow | null,
  texts: () => { title: string; tarFilter: string },
  downloadsDir: () => string = () => path.join(os.homedir(), 'Downloads'),
): (input: { suggestedName: string; kind: SaveKind }) => Promise<string | null> {
  return async ({ suggestedName, kind }) => {
    const { title, tarFilter: filterName } = texts();
    const options: SaveDialogOptions = {
      title,
      // Only the name's last part: a suggestion never picks the folder.
      defaultPath: path.join(downloadsDir(), path.basename(suggestedName)),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
      ...(kind === 'tar' ? { filters: [tarFilter(filterName)] } : {}),
    };
    const window = getWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}

/** The OS open dialog for a backup (.tar) to restore, like the save dialog. */
export function createOpenTarPicker(
  getWindow: () => BrowserWindow | null,
  texts: () => { title: string; tarFilter: string },
): () => Promise<string | null> {
  return async () => {
    const { title, tarFilter: filterName } = texts();
    const options: OpenDialogOptions = { title, properties: ['openFile'], filters: [tarFilter(filterName)] };
    const window = getWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
