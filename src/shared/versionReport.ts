import { engineProductLabel, type ClientCheck, type EngineStatus, type ServerVersion } from './engine';

/** One "Label:  value" row, values aligned in one column as `docker version` prints them. */
function row(indent: number, label: string, value: string): string {
  return `${' '.repeat(indent)}${label}:`.padEnd(20) + value;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A build time as `docker version` prints it (Go's ANSIC, UTC): "Fri May 30 12:07:14 2025"; empty when unknown. */
export function ansicDate(iso: string | null): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  const two = (value: number) => String(value).padStart(2, '0');
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
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
    row(1, 'Built', ansicDate(c.built)),
    row(1, 'OS/Arch', `${c.os ?? ''}/${c.arch ?? ''}`),
    row(1, 'Context', c.context ?? ''),
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
    row(2, 'Built', ansicDate(server.built)),
    row(2, 'OS/Arch', `${server.os}/${server.arch}`),
  ];
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
  // After `docker version`'s own lines, which come first exactly as it prints them: where the client
  // is, what runs the server, its kernel, and where Berth reached it.
  const footer: string[] = [];
  if (client.found) footer.push(`Path:     ${client.client.path}`);
  if (engine.server) footer.push(`Product:  ${engineProductLabel(engine.server)}`);
  if (engine.server?.kernelVersion) footer.push(`Kernel:   ${engine.server.kernelVersion}`);
  if (engine.endpoint) {
    footer.push(
      `Endpoint: ${engine.endpoint.url} (from ${engine.endpoint.source}${engine.endpoint.contextName ? `, context ${engine.endpoint.contextName}` : ''})`,
    );
  }
  if (footer.length > 0) lines.push('', ...footer);
  return lines.join('\n') + '\n';
}
