// TODO(#15): a placeholder until its owner builds it.
export function ComposePage() {
  return <p className="p-6" />;
}
