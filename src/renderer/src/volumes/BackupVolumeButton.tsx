import { useTranslation } from 'react-i18next';
import { useBerthClient } from '../app/clientContext';
import { SaveFileButton } from './SaveFileButton';

/**
 * Saves a volume's files as a .tar on this computer (a restore puts them back into a new volume).
 * The Volumes page's remove dialog places it to offer a backup before the data is gone.
 */
export function BackupVolumeButton({ name, onSaved }: { name: string; onSaved?: (savedTo: string) => void }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  return (
    <SaveFileButton
      testId="backup-volume"
      label={t('volumeFiles.backup.button')}
      accessibleName={t('volumeFiles.backup.label', { name })}
      busyLabel={t('volumeFiles.backup.saving')}
      savedText={(path, size) => t('volumeFiles.backup.saved', { path, size })}
      suggestedName={`${name}.tar`}
      kind="tar"
      save={(destination) => client.request('volumes.backup', { name, destination })}
      onSaved={onSaved}
    />
  );
}
