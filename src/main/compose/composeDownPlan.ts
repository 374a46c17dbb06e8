import type Docker from 'dockerode';
import type { ComposeDownPlan } from '../../shared/compose';
import { COMPOSE_PROJECT_LABEL, containerName } from '../containers/containerSummary';

/** An anonymous volume's name: 64 hex digits, as the engine makes it. */
const anonymousVolumeName = /^[0-9a-f]{64}$/;

function volumeNamesOf(container: Docker.ContainerInfo): string[] {
  return (container.Mounts ?? [])
    .filter((mount) => mount.Type === 'volume' && typeof mount.Name === 'string' && mount.Name !== '')
    .map((mount) => mount.Name!);
}

/**
 * What `down` would remove, read from the engine by the project's label (v1 and v2 label their
 * containers, networks and volumes alike): its containers and networks, and the volumes a
 * confirmation may add: named ones labelled with the project, anonymous ones its containers mount.
 * Each volume says which containers outside the project use it (then it stays whatever is ticked).
 */
export async function composeDownPlan(client: Docker, projectName: string): Promise<ComposeDownPlan> {
  const label = `${COMPOSE_PROJECT_LABEL}=${projectName}`;
  const [allContainers, networks, volumes] = await Promise.all([
    client.listContainers({ all: true }),
    client.listNetworks({ filters: { label: [label] } }),
    client.listVolumes({ filters: { label: [label] } }),
  ]);
  const inProject = (container: Docker.ContainerInfo) => container.Labels?.[COMPOSE_PROJECT_LABEL] === projectName;
  const projectContainers = allContainers.filter(inProject);
  const others = allContainers.filter((container) => !inProject(container));

  const named = (volumes.Volumes ?? []).map((volume) => volume.Name);
  const anonymous = [
    ...new Set(projectContainers.flatMap(volumeNamesOf).filter((name) => anonymousVolumeName.test(name))),
  ].filter((name) => !named.includes(name));
  const usersOf = (name: string) =>
    others
      .filter((container) => volumeNamesOf(container).includes(name))
      .map((container) => containerName(container.Names, container.Id));

  return {
    projectName,
    containers: projectContainers.map((container) => containerName(container.Names, container.Id)).sort(),
    networks: networks.map((network) => network.Name).sort(),
    volumes: [
      ...named.sort().map((name) => ({ name, anonymous: false, inUseByOthers: usersOf(name) })),
      ...anonymous.sort().map((name) => ({ name, anonymous: true, inUseByOthers: usersOf(name) })),
    ],
  };
}
