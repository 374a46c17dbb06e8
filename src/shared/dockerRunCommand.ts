import type { RunRequest, VolumeMount } from './run';

/** Quotes an argument for a POSIX shell only when it needs it. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** One field of --mount's list, quoted as the CLI's CSV reader needs: in "…" with " doubled. */
function mountField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * --mount rather than -v: -v splits on ":", so a path with a colon fails ("invalid mode") or changes
 * meaning (a container path /data:ro becomes read-only). --mount is what Berth sends (HostConfig.Mounts),
 * field by field, so the line and the dialog mean the same mount.
 */
function mountSpec(volume: VolumeMount): string {
  const fields =
    volume.kind === 'named'
      ? ['type=volume', `source=${volume.name}`, `target=${volume.containerPath}`]
      : ['type=bind', `source=${volume.hostPath}`, `target=${volume.containerPath}`];
  if (volume.readOnly) fields.push('readonly');
  return fields.map(mountField).join(',');
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
  for (const volume of request.volumes) args.push('--mount', mountSpec(volume));
  if (request.restartPolicy !== 'no') args.push('--restart', request.restartPolicy);
  args.push(request.image.trim());
  if (request.command) args.push(...request.command);
  return args.map(shellQuote).join(' ');
}
