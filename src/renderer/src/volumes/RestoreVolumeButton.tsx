// TODO(#14): a placeholder until the volume-files part builds it: "Restore from a backup" into a new volume.
export function RestoreVolumeButton() {
  return null;
}
