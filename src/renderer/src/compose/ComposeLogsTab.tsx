// TODO(#15): a placeholder until its owner builds it.
/** The project's services' logs merged, each line prefixed with its service in a stable colour. */
export function ComposeLogsTab(props: { projectName: string; services: string[] }) {
  return <p className="p-6">{props.projectName}</p>;
}
