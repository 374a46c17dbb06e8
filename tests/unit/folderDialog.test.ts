import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import { createFolderPicker } from '../../src/main/shell/folderDialog';

// The real 'electron' package resolves to a binary it would download: never load it in unit tests.
vi.mock('electron', () => ({ dialog: { showOpenDialog: vi.fn() } }));

const showOpenDialog = vi.mocked(dialog.showOpenDialog);
const window = { id: 1 } as unknown as BrowserWindow;

afterEach(() => {
  showOpenDialog.mockReset();
});

describe('createFolderPicker', () => {
  it('opens the folder dialog on the window, titled in the user’s language, and answers the chosen folder', async () => {
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/me/site'] });
    const pick = createFolderPicker(
      () => window,
      () => '빌드할 폴더 선택 (빌드 컨텍스트)',
    );
    expect(await pick()).toBe('/home/me/site');
    expect(showOpenDialog).toHaveBeenCalledWith(window, {
      title: '빌드할 폴더 선택 (빌드 컨텍스트)',
      properties: ['openDirectory', 'createDirectory'],
    });
  });

  it('answers null when the dialog is cancelled', async () => {
    showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(
      await createFolderPicker(
        () => window,
        () => 'Choose',
      )(),
    ).toBeNull();
  });

  it('opens a free-standing dialog when there is no window', async () => {
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/srv/app'] });
    expect(
      await createFolderPicker(
        () => null,
        () => 'Choose',
      )(),
    ).toBe('/srv/app');
    expect(showOpenDialog).toHaveBeenCalledWith({ title: 'Choose', properties: ['openDirectory', 'createDirectory'] });
  });
});
