import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError } from '../../../shared/errors';
import { volumeNameSchema } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field, TextInput } from '../ui/Field';
import { formatBytes } from '../ui/format';
import { useAction } from '../ui/useAction';
import { hasOsDialogs, pathProblem } from './SaveFileButton';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The new volume's name problem in the user's language, or null. */
function nameProblem(t: Translate, name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return t('volumeFiles.restore.nameEmpty');
  if (volumeNameSchema.safeParse(trimmed).success) return null;
  if (trimmed.length < 2 || trimmed.length > 255) return t('volumeFiles.restore.nameLength', { count: trimmed.length });
  return t('volumeFiles.restore.nameInvalid');
}

/** "Restore from a backup": a .tar into a new volume, with a link to it afterwards. The Volumes page's header places it. */
export function RestoreVolumeButton() {
  const { t } = useTranslation();
  const engine = useEngineAvailable();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="restore-volume-button" {...engine.actionProps}>
        {t('volumeFiles.restore.button')}
      </Button>
      {open && <RestoreVolumeDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function RestoreVolumeDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const navigate = useNavigate();
  const [source, setSource] = useState('');
  const [name, setName] = useState('');
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const { busy, failure: restoreFailure, run, clear } = useAction();
  // Asking the OS for the archive is a request of its own: its failure shows the same way.
  const picking = useAction();
  const failure = restoreFailure ?? picking.failure;
  const [done, setDone] = useState<{ name: string; bytes: number } | null>(null);

  const choose = () =>
    picking.run(async () => {
      clear();
      const picked = await client.request('files.pickOpen', {});
      if (picked.path) {
        setSource(picked.path);
        setSourceError(null);
      }
    });

  const restore = async () => {
    const sourceProblem = pathProblem(t, source);
    const badName = nameProblem(t, name);
    setSourceError(sourceProblem);
    setNameError(badName);
    if (sourceProblem || badName) return;
    picking.clear();
    await run(async () => {
      try {
        setDone(await client.request('volumes.restore', { source: source.trim(), name: name.trim() }));
      } catch (caught) {
        const error = toBerthError(caught);
        // What is wrong with a field is said under it; anything else in a card.
        if (error.code === 'name-in-use') setNameError(t('volumeFiles.restore.nameTaken', { name: name.trim() }));
        else if (error.code === 'not-found' && /on this computer/.test(error.message)) {
          setSourceError(t('volumeFiles.restore.sourceMissing'));
        } else if (error.code === 'invalid-input' && /\.tar archive|is not a file/.test(error.message)) {
          setSourceError(t('volumeFiles.restore.sourceNotTar'));
        } else if (error.code === 'forbidden') setSourceError(t('volumeFiles.restore.sourceForbidden'));
        else throw error;
      }
    });
  };

  return (
    <Dialog
      open
      title={t('volumeFiles.restore.title')}
      onClose={onClose}
      testId="restore-volume-dialog"
      failure={failure}
      footer={
        done ? (
          <Button onClick={onClose} data-autofocus>
            {t('volumeFiles.restore.close')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={busy}>
              {t('volumeFiles.restore.cancel')}
            </Button>
            <Button
              variant="primary"
              type="submit"
              form="restore-volume-form"
              disabled={busy}
              data-testid="restore-volume-submit"
            >
              {busy ? t('volumeFiles.restore.restoring') : t('volumeFiles.restore.restore')}
            </Button>
          </>
        )
      }
    >
      {done ? (
        <div role="status" className="space-y-3" data-testid="restore-volume-done">
          <p className="text-sm">
            {t('volumeFiles.restore.done', { name: done.name, size: formatBytes(done.bytes, i18n.language) })}
          </p>
          <Button
            variant="primary"
            data-testid="restore-volume-open"
            onClick={() => {
              onClose();
              navigate('volumes', done.name);
            }}
          >
            {t('volumeFiles.restore.open', { name: done.name })}
          </Button>
        </div>
      ) : (
        <form
          id="restore-volume-form"
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void restore();
          }}
        >
          <p className="text-sm leading-6 text-slate-600 dark:text-slate-400">{t('volumeFiles.restore.intro')}</p>
          <Field label={t('volumeFiles.restore.source')} help={t('volumeFiles.restore.sourceHelp')} error={sourceError}>
            {(fieldProps) => (
              <div className="flex gap-2">
                <TextInput
                  {...fieldProps}
                  data-autofocus
                  className="min-w-0 flex-1 font-mono"
                  value={source}
                  placeholder="/home/me/Downloads/data.tar"
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="restore-volume-source"
                  onChange={(event) => {
                    setSource(event.target.value);
                    if (sourceError) setSourceError(null);
                  }}
                />
                {hasOsDialogs() && (
                  <Button
                    onClick={() => void choose()}
                    disabled={busy || picking.busy}
                    data-testid="restore-volume-choose"
                  >
                    {t('volumeFiles.restore.choose')}
                  </Button>
                )}
              </div>
            )}
          </Field>
          <Field label={t('volumeFiles.restore.name')} help={t('volumeFiles.restore.nameHelp')} error={nameError}>
            {(fieldProps) => (
              <TextInput
                {...fieldProps}
                className="font-mono"
                value={name}
                autoComplete="off"
                spellCheck={false}
                data-testid="restore-volume-name"
                onChange={(event) => {
                  setName(event.target.value);
                  setNameError(event.target.value.trim() ? nameProblem(t, event.target.value) : null);
                }}
              />
            )}
          </Field>
        </form>
      )}
    </Dialog>
  );
}
