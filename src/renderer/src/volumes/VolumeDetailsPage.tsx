// TODO(#14): a placeholder until its owner builds it.
export function VolumeDetailsPage(props: { name?: string }) {
  return <p className="p-6">{props.name ?? ''}</p>;
}
