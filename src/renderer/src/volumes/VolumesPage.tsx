// TODO(#14): a placeholder until its owner builds it.
export function VolumesPage(props: { name?: string }) {
  return <p className="p-6">{props.name ?? ''}</p>;
}
