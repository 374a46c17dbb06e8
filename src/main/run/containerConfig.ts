import type Docker from 'dockerode';
import type { PortMapping, RunRequest, VolumeMount } from '../../shared/run';

/** The label every container Berth runs carries, with the run's id as its value. */
export const RUN_LABEL = 'berth.run';

/** The engine's key for a container port: "6379/tcp". */
export function portKey(port: Pick<PortMapping, 'containerPort' | 'protocol'>): string {
  return `${port.containerPort}/${port.protocol}`;
}

function toMount(volume: VolumeMount): Docker.MountSettings {
  // Structured mounts instead of "source:target:ro" strings: a path can never smuggle in options.
  return volume.kind === 'named'
    ? { Type: 'volume', Source: volume.name, Target: volume.containerPath, ReadOnly: volume.readOnly }
    : { Type: 'bind', Source: volume.hostPath, Target: volume.containerPath, ReadOnly: volume.readOnly };
}

/**
 * The body of POST /containers/create (plus the `name` dockerode sends as a query parameter) for a
 * run: exactly what the run dialog asked for and nothing more. It never grants extra privileges
 * (Privileged, CapAdd, Devices, host PID/network/IPC namespaces): a beginner's run stays contained.
 *
 * Config.Image is the reference as the user typed it, as `docker run busybox` stores "busybox" (not
 * the busybox:latest that was looked up or pulled): inspect, `docker ps` and the copied line agree.
 */
export function buildCreateOptions(request: RunRequest, runId: string): Docker.ContainerCreateOptions {
  const exposedPorts: Record<string, object> = {};
  const portBindings: Docker.PortMap = {};
  for (const port of request.ports) {
    const key = portKey(port);
    exposedPorts[key] = {};
    (portBindings[key] ??= []).push({
      HostIp: port.hostIp,
      // An empty HostPort lets the engine pick a free port.
      HostPort: port.hostPort === null ? '' : String(port.hostPort),
    });
  }

  const hostConfig: Docker.HostConfig = {
    AutoRemove: request.autoRemove,
    RestartPolicy: { Name: request.restartPolicy, MaximumRetryCount: 0 },
  };
  if (request.ports.length > 0) hostConfig.PortBindings = portBindings;
  if (request.volumes.length > 0) hostConfig.Mounts = request.volumes.map(toMount);

  const options: Docker.ContainerCreateOptions = {
    Image: request.image.trim(),
    Labels: { [RUN_LABEL]: runId },
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: false,
    Tty: false,
    HostConfig: hostConfig,
  };
  if (request.name) options.name = request.name;
  // An empty command keeps the image's, like `docker run IMAGE` with no arguments.
  if (request.command && request.command.length > 0) options.Cmd = [...request.command];
  if (request.env.length > 0) options.Env = request.env.map((variable) => `${variable.key}=${variable.value}`);
  if (request.ports.length > 0) options.ExposedPorts = exposedPorts;
  return options;
}
