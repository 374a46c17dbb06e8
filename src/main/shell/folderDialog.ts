import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

/**
 * The OS folder dialog for the Build page, attached to the window when there is one. The backend
 * gets only the path the user chose (null when cancelled): the renderer never sees the dialog.
 */
export function createFolderPicker(
  getWindow: () => BrowserWindow | null,
  title: () => string,
): () => Promise<string | null> {
  return async () => {
    // createDirectory: macOS offers "New Folder" in the dialog, for a learner's first project.
    const options: OpenDialogOptions = { title: title(), properties: ['openDirectory', 'createDirectory'] };
    const window = getWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
