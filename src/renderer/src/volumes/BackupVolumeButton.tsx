// TODO(#14): a placeholder until the volume-files part builds it: saves the volume's files as a .tar.
export function BackupVolumeButton(_props: { name: string; onSaved?: (savedTo: string) => void }) {
  return null;
}
