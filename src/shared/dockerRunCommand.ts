import type { RunRequest } from './run';

/** Quotes an argument for a POSIX shell only when it needs it. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The exact `docker run` line that does what the run dialog will do, for the user to learn and reuse. */
export function dockerRunCommand(request: RunRequest): string {
  const args = ['docker', 'run'];
  const detached = request.restartPolicy !== 'no' || request.ports.length > 0;
  if (detached) args.push('-d');
  if (request.autoRemove) args.push('--rm');
  if (request.name) args.push('--name', request.name);
  for (const port of request.ports) {
    // -p [ip:][hostPort:]containerPort; with an ip and no host port the middle stays empty (127.0.0.1::6379).
    const ip = port.hostIp === '0.0.0.0' ? '' : `${port.hostIp}:`;
    const host = port.hostPort === null ? (ip ? ':' : '') : `${port.hostPort}:`;
    const spec = `${ip}${host}${port.containerPort}`;
    args.push('-p', port.protocol === 'udp' ? `${spec}/udp` : spec);
  }
  for (const variable of request.env) args.push('-e', `${variable.key}=${variable.value}`);
  for (const volume of request.volumes) {
    const source = volume.kind === 'named' ? volume.name : volume.hostPath;
    args.push('-v', `${source}:${volume.containerPath}${volume.readOnly ? ':ro' : ''}`);
  }
  if (request.restartPolicy !== 'no') args.push('--restart', request.restartPolicy);
  args.push(request.image.trim());
  if (request.command) args.push(...request.command);
  return args.map(shellQuote).join(' ');
}

/** Splits a command line the way a shell would for simple cases: spaces, 'single' and "double" quotes. */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inArg = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inArg = true;
    } else if (char === '\\' && i + 1 < line.length) {
      current += line[++i];
      inArg = true;
    } else if (/\s/.test(char)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += char;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args;
}
