import { useCallback, useEffect, useState } from 'react';
import { toBerthError, type BerthError } from '../../../shared/errors';

/** A file as read from disk: its text and the version a save must start from. */
export interface VersionedFile {
  content: string;
  version: string;
}

/** A file open in an editor: the version its text started from, the text, and a refused save. */
export interface FileEdit<F extends VersionedFile> {
  /** The file as last read or saved: the version the editor's text started from. */
  base: F | null;
  /** The editor's text, saved or not. */
  text: string;
  /** A save was refused because the file changed on disk: the file as it is there now. */
  conflict: F | null;
  /** After a conflict the user chose "Keep mine": the next Save replaces the file on disk. */
  keptMine: boolean;
  /** Counts reloads from disk: each mounts a fresh editor with the file's text. */
  generation: number;
}

/** What the main process answers a save: written (the file as it is now), or refused (the file on disk). */
export type SaveAnswer<F extends VersionedFile> = { saved: true; file: F } | { saved: false; onDisk: F };

/** A file just opened, nothing edited. */
export function openedFile<F extends VersionedFile>(file: F | null): FileEdit<F> {
  return { base: file, text: file?.content ?? '', conflict: null, keptMine: false, generation: 0 };
}

/**
 * Saving a file edited in Berth: only when asked (the Save button, Ctrl/Cmd+S), never over a file
 * that changed on disk since its version (the main process refuses it and the conflict is kept for
 * the user to reload or keep theirs). The state lives with the page (`edit`, `setEdit`) so a page
 * can keep it while it is away.
 */
export function useFileSave<F extends VersionedFile>({
  edit,
  setEdit,
  write,
  onError,
  onSaved,
  onReloaded,
}: {
  edit: FileEdit<F> | null;
  setEdit: (update: (edit: FileEdit<F>) => FileEdit<F>) => void;
  /** Writes the text unless the file on disk is no longer `base.version`. */
  write: (base: F, text: string) => Promise<SaveAnswer<F>>;
  /** A save that failed (null when a new save starts). */
  onError: (error: BerthError | null) => void;
  /** After a save wrote the file. */
  onSaved?: (file: F) => void;
  /** After the text was reloaded from disk. */
  onReloaded?: () => void;
}) {
  const [saving, setSaving] = useState(false);
  const [savedNotice, setSavedNotice] = useState(false);
  const base = edit?.base ?? null;
  const dirty = base !== null && edit !== null && edit.text !== base.content;

  const save = useCallback(async (): Promise<boolean> => {
    if (!edit?.base || saving) return false;
    setSaving(true);
    onError(null);
    try {
      const answer = await write(edit.base, edit.text);
      if (answer.saved) {
        setEdit((previous) => ({ ...previous, base: answer.file, conflict: null, keptMine: false }));
        setSavedNotice(true);
        onSaved?.(answer.file);
        return true;
      }
      setEdit((previous) => ({ ...previous, conflict: answer.onDisk, keptMine: false }));
      return false;
    } catch (caught) {
      onError(toBerthError(caught));
      return false;
    } finally {
      setSaving(false);
    }
  }, [edit, saving, write, setEdit, onError, onSaved]);

  // Ctrl/Cmd+S anywhere on the page (the editor handles its own and marks the event handled).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !(event.metaKey || event.ctrlKey) || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      if (dirty) void save();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dirty, save]);

  /** The editor's text changed. */
  const changeText = useCallback(
    (text: string) => {
      setSavedNotice(false);
      setEdit((previous) => ({ ...previous, text }));
    },
    [setEdit],
  );

  /** "Keep mine" after a refused save: the version on disk now becomes the one Save replaces. */
  const keepMine = () =>
    setEdit((previous) =>
      previous.conflict ? { ...previous, base: previous.conflict, conflict: null, keptMine: true } : previous,
    );

  /** "Reload from disk", confirmed: the editor shows the file as it is now; the edits are gone. */
  const reloadFromDisk = () => {
    setEdit((previous) =>
      previous.conflict
        ? {
            ...previous,
            base: previous.conflict,
            text: previous.conflict.content,
            conflict: null,
            keptMine: false,
            generation: previous.generation + 1,
          }
        : previous,
    );
    onReloaded?.();
  };

  return { dirty, saving, savedNotice, setSavedNotice, save, changeText, keepMine, reloadFromDisk };
}

export type FileSave = ReturnType<typeof useFileSave>;
