import type { ClientCheck, EngineStatus, ServerVersion } from './engine';

/** One "Label:  value" row, values aligned in one column as `docker version` prints them. */
function row(indent: number, label: string, value: string): string {
  return `${' '.repeat(indent)}${label}:`.padEnd(20) + value;
}

function clientLines(client: ClientCheck): string[] {
  if (!client.found) return ['Client:', ` ${client.problem.message}`];
  const c = client.client;
  const api =
    c.apiVersion && c.defaultApiVersion && c.apiVersion !== c.defaultApiVersion
      ? `${c.apiVersion} (downgraded from ${c.defaultApiVersion})`
      : (c.apiVersion ?? c.defaultApiVersion ?? '');
  return [
    c.platformName ? `Client: ${c.platformName}` : 'Client:',
    row(1, 'Version', c.version),
    row(1, 'API version', api),
    row(1, 'Go version', c.goVersion ?? ''),
    row(1, 'Git commit', c.gitCommit ?? ''),
    row(1, 'Built', c.built ?? ''),
    row(1, 'OS/Arch', `${c.os ?? ''}/${c.arch ?? ''}`),
    row(1, 'Context', c.context ?? ''),
    row(1, 'Path', c.path),
  ];
}

function serverLines(server: ServerVersion): string[] {
  const lines = [
    server.platformName ? `Server: ${server.platformName}` : 'Server:',
    ' Engine:',
    row(2, 'Version', server.version),
    row(
      2,
      'API version',
      server.minApiVersion ? `${server.apiVersion} (minimum version ${server.minApiVersion})` : server.apiVersion,
    ),
    row(2, 'Go version', server.goVersion ?? ''),
    row(2, 'Git commit', server.gitCommit ?? ''),
    row(2, 'Built', server.built ?? ''),
    row(2, 'OS/Arch', `${server.os}/${server.arch}`),
  ];
  if (server.kernelVersion) lines.push(row(2, 'Kernel', server.kernelVersion));
  lines.push(row(2, 'Experimental', String(server.experimental)));
  for (const component of server.components) {
    lines.push(
      ` ${component.name}:`,
      row(2, 'Version', component.version),
      row(2, 'GitCommit', component.gitCommit ?? ''),
    );
  }
  return lines;
}

/** The installation check as text, laid out like `docker version`, for pasting into a question. */
export function formatVersionReport(client: ClientCheck, engine: EngineStatus): string {
  const lines = clientLines(client);
  lines.push('');
  if (engine.server) {
    lines.push(...serverLines(engine.server));
  } else {
    lines.push('Server:', ` ${engine.problem?.message ?? 'Not connected.'}`);
  }
  if (engine.endpoint) {
    lines.push(
      '',
      `Endpoint: ${engine.endpoint.url} (from ${engine.endpoint.source}${engine.endpoint.contextName ? `, context ${engine.endpoint.contextName}` : ''})`,
    );
  }
  return lines.join('\n') + '\n';
}
