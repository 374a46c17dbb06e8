import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import { createOpenTarPicker, createSaveFilePicker } from '../../src/main/shell/fileDialog';

// The real 'electron' package resolves to a binary it would download: never load it in unit tests.
vi.mock('electron', () => ({ dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() } }));

const showOpenDialog = vi.mocked(dialog.showOpenDialog);
const showSaveDialog = vi.mocked(dialog.showSaveDialog);
const window = { id: 1 } as unknown as BrowserWindow;
const texts = () => ({ title: '백업 저장', tarFilter: '볼륨 백업 (.tar)' });

afterEach(() => {
  showOpenDialog.mockReset();
  showSaveDialog.mockReset();
});

describe('createSaveFilePicker', () => {
  it('opens the save dialog on the window in Downloads with the suggested name and a .tar filter', async () => {
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/home/me/Downloads/data.tar' });
    const pick = createSaveFilePicker(
      () => window,
      texts,
      () => '/home/me/Downloads',
    );
    expect(await pick({ suggestedName: 'data.tar', kind: 'tar' })).toBe('/home/me/Downloads/data.tar');
    expect(showSaveDialog).toHaveBeenCalledWith(window, {
      title: '백업 저장',
      defaultPath: '/home/me/Downloads/data.tar',
      properties: ['createDirectory', 'showOverwriteConfirmation'],
      filters: [{ name: '볼륨 백업 (.tar)', extensions: ['tar'] }],
    });
  });

  it('offers any file type for a download, and a suggestion never chooses the folder', async () => {
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/tmp/x' });
    await createSaveFilePicker(
      () => null,
      texts,
      () => '/home/me/Downloads',
    )({
      suggestedName: '../../etc/app.log',
      kind: 'any',
    });
    expect(showSaveDialog).toHaveBeenCalledWith({
      title: '백업 저장',
      defaultPath: '/home/me/Downloads/app.log',
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('answers null when the dialog is cancelled', async () => {
    showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await createSaveFilePicker(() => window, texts)({ suggestedName: 'a.tar', kind: 'tar' })).toBeNull();
  });
});

describe('createOpenTarPicker', () => {
  it('opens the open dialog for one .tar and answers the chosen file', async () => {
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/me/data.tar'] });
    expect(await createOpenTarPicker(() => window, texts)()).toBe('/home/me/data.tar');
    expect(showOpenDialog).toHaveBeenCalledWith(window, {
      title: '백업 저장',
      properties: ['openFile'],
      filters: [{ name: '볼륨 백업 (.tar)', extensions: ['tar'] }],
    });
  });

  it('answers null when cancelled, and opens a free-standing dialog without a window', async () => {
    showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await createOpenTarPicker(() => null, texts)()).toBeNull();
    expect(showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openFile'] }));
  });
});
