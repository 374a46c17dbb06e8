import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { ConfirmDialog } from './ConfirmDialog';
import type { FileEdit, FileSave, VersionedFile } from './useFileSave';

/**
 * Above a file's editor: its title, whether it has unsaved edits, Save, and a refused save's
 * conflict (reload from disk after a confirmation, or keep mine). Test ids start with `testIdPrefix`.
 */
export function EditedFileHeader<F extends VersionedFile>({
  title,
  path,
  edit,
  fileSave,
  testIdPrefix,
}: {
  /** The heading (the file's name, or a switcher between files). */
  title: ReactNode;
  /** The file's name in sentences. */
  path: string;
  edit: FileEdit<F>;
  fileSave: FileSave;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const [reloadAsked, setReloadAsked] = useState(false);
  const { dirty, saving, savedNotice, save } = fileSave;
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        {title}
        {dirty ? (
          <span
            className="flex items-center gap-1.5 text-xs text-amber-700 dark:text-amber-300"
            data-testid={`${testIdPrefix}-dirty`}
          >
            <span aria-hidden="true" className="h-2 w-2 rounded-full bg-amber-500" />
            {t('build.editor.unsaved')}
          </span>
        ) : (
          savedNotice && (
            <span
              role="status"
              className="text-xs text-emerald-700 dark:text-emerald-300"
              data-testid={`${testIdPrefix}-saved`}
            >
              {t('build.editor.saved')}
            </span>
          )
        )}
        <span className="ml-auto text-xs text-slate-500">{t('build.editor.saveHint')}</span>
        <Button
          variant={dirty ? 'primary' : 'secondary'}
          className="!py-1 text-xs"
          disabled={!dirty || saving}
          onClick={() => void save()}
          data-testid={`${testIdPrefix}-save`}
        >
          {saving ? t('build.editor.saving') : t('build.editor.save')}
        </Button>
      </div>
      {edit.conflict && (
        <div
          role="alert"
          data-testid={`${testIdPrefix}-conflict`}
          className="mb-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p className="font-semibold">{t('build.editor.conflict.title', { path })}</p>
          <p className="mt-1 leading-6">{t('build.editor.conflict.body')}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button onClick={() => setReloadAsked(true)} data-testid={`${testIdPrefix}-reload`}>
              {t('build.editor.conflict.reload')}
            </Button>
            <Button onClick={fileSave.keepMine} data-testid={`${testIdPrefix}-keep-mine`}>
              {t('build.editor.conflict.keep')}
            </Button>
          </div>
        </div>
      )}
      {edit.keptMine && dirty && (
        <p
          role="status"
          className="mb-2 text-xs text-slate-600 dark:text-slate-400"
          data-testid={`${testIdPrefix}-kept-mine`}
        >
          {t('build.editor.conflict.kept')}
        </p>
      )}
      {reloadAsked && edit.conflict && (
        <ConfirmDialog
          testId={`${testIdPrefix}-reload-dialog`}
          confirmTestId={`${testIdPrefix}-reload-confirm`}
          title={t('build.editor.reloadConfirm.title', { path })}
          body={t('build.editor.reloadConfirm.body', { path })}
          cancelLabel={t('build.editor.reloadConfirm.cancel')}
          confirmLabel={t('build.editor.reloadConfirm.confirm')}
          onCancel={() => setReloadAsked(false)}
          onConfirm={() => {
            setReloadAsked(false);
            fileSave.reloadFromDisk();
          }}
        />
      )}
    </>
  );
}
