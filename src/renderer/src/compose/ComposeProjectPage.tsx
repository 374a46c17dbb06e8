// TODO(#15): a placeholder until its owner builds it.
export function ComposeProjectPage(props: { name: string }) {
  return <p className="p-6">{props.name}</p>;
}
