import { useCallback } from 'react';
import { useBerthClient } from '../app/clientContext';
import { LogsView, type LogsSince, type LogsSubscribe } from '../containers/details/LogsView';

/** compose.logs starts from the last lines or from the beginning (the engine has no "since" per project). */
const sinces: readonly LogsSince[] = ['tail', 'all'];

/** The project's services' logs merged, each line prefixed with its service in a stable colour, filtered by service. */
export function ComposeLogsTab({ projectName, services }: { projectName: string; services: string[] }) {
  const client = useBerthClient();
  const subscribe = useCallback<LogsSubscribe>(
    (since, onBatch) =>
      client.subscribe('compose.logs', { projectName, services: [], tail: since === 'tail' ? 1000 : null }, onBatch),
    [client, projectName],
  );
  return (
    <div className="flex h-[calc(100vh-22rem)] min-h-64 flex-col" data-testid="compose-logs-tab">
      <LogsView name={projectName} subscribe={subscribe} sinces={sinces} sources={services} />
    </div>
  );
}
