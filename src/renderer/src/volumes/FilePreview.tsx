import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { VOLUME_TEXT_LIMIT_BYTES, type VolumeEntry, type VolumeFile } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { formatBytes } from '../ui/format';
import { DownloadIcon } from '../ui/icons';
import { SaveFileButton } from './SaveFileButton';
import { baseName, shownName } from './volumePath';

/** One file of a volume: its text when small and text, else what it is and a download. */
export function FilePreview({ volume, path, kind }: { volume: string; path: string; kind: VolumeEntry['kind'] }) {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const [file, setFile] = useState<VolumeFile | null>(null);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const fileName = shownName(baseName(path));
  // A link or a device is not read: Berth does not follow links out of the volume.
  const readable = kind === 'file';

  useEffect(() => {
    if (!readable) return;
    let current = true;
    client.request('volumes.readFile', { name: volume, path }).then(
      (read) => current && setFile(read),
      (error: unknown) => current && setFailure(toBerthError(error)),
    );
    return () => {
      current = false;
    };
  }, [client, volume, path, readable]);

  const download = (
    <SaveFileButton
      testId="download-file"
      label={t('volumeFiles.download')}
      accessibleName={t('volumeFiles.downloadLabel', { name: fileName })}
      busyLabel={t('volumeFiles.downloading')}
      savedText={(savedTo, size) => t('volumeFiles.downloaded', { path: savedTo, size })}
      suggestedName={baseName(path)}
      kind="any"
      variant={file && file.reason !== 'shown' ? 'primary' : 'secondary'}
      icon={<DownloadIcon className="h-4 w-4" />}
      save={(destination) => client.request('volumes.download', { name: volume, path, destination })}
    />
  );

  if (!readable) {
    return (
      <div className="space-y-2" data-testid="file-preview" data-reason={kind}>
        <h2 className="font-mono text-sm font-semibold break-all" data-value>
          {fileName}
        </h2>
        <p className="text-sm leading-6">{t(`volumeFiles.preview.${kind === 'link' ? 'link' : 'other'}`)}</p>
      </div>
    );
  }

  return (
    <div className="space-y-3" data-testid="file-preview" data-reason={file?.reason}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="font-mono text-sm font-semibold break-all" data-value>
            {fileName}
          </h2>
          {file && (
            <p className="text-xs text-slate-500 dark:text-slate-400">{formatBytes(file.size, i18n.language)}</p>
          )}
        </div>
        {download}
      </div>
      {!file && !failure && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {t('volumeFiles.preview.loading', { name: fileName })}
        </p>
      )}
      {failure && <ProblemCard problem={failure.toWire()} heading={t('volumeFiles.preview.failed')} />}
      {file?.reason === 'shown' &&
        (file.text === '' ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('volumeFiles.preview.emptyFile')}</p>
        ) : (
          <pre
            tabIndex={0}
            aria-label={t('volumeFiles.preview.textLabel', { name: fileName })}
            className="max-h-[60vh] overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-5 whitespace-pre-wrap break-words text-slate-800 dark:bg-slate-950 dark:text-slate-200"
            data-testid="file-text"
          >
            {file.text}
          </pre>
        ))}
      {file?.reason === 'too-large' && (
        <p className="text-sm leading-6" data-testid="file-not-shown">
          {t('volumeFiles.preview.tooLarge', {
            size: formatBytes(file.size, i18n.language),
            limit: formatBytes(VOLUME_TEXT_LIMIT_BYTES, i18n.language),
          })}
        </p>
      )}
      {file?.reason === 'binary' && (
        <p className="text-sm leading-6" data-testid="file-not-shown">
          {t('volumeFiles.preview.binary')}
        </p>
      )}
    </div>
  );
}
