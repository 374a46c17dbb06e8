import type { ComposeDocument } from '../../../shared/compose';

// TODO(#15): a placeholder until its owner builds it.
/** The project's compose files: YAML highlighting, problems on their lines, an explicit Save. */
export function ComposeFileTab(props: { document: ComposeDocument; onSaved: (document: ComposeDocument) => void }) {
  return <p className="p-6">{props.document.files[0]?.name}</p>;
}
