import type { ContainerSummary } from '../../../shared/containers';

export type ListItem =
  | { kind: 'group'; project: string; containers: ContainerSummary[] }
  | { kind: 'container'; container: ContainerSummary };

/** Compose projects first (each under its header), then the other containers, newest first. */
export function groupContainers(containers: ContainerSummary[]): ListItem[] {
  const projects = new Map<string, ContainerSummary[]>();
  const loose: ContainerSummary[] = [];
  for (const container of containers) {
    if (container.composeProject) {
      const group = projects.get(container.composeProject) ?? [];
      group.push(container);
      projects.set(container.composeProject, group);
    } else loose.push(container);
  }
  const items: ListItem[] = [];
  for (const [project, members] of [...projects.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    items.push({ kind: 'group', project, containers: members });
    for (const container of members) items.push({ kind: 'container', container });
  }
  for (const container of loose) items.push({ kind: 'container', container });
  return items;
}

export function matchesFilter(container: ContainerSummary, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return (
    container.name.toLowerCase().includes(needle) ||
    container.image.toLowerCase().includes(needle) ||
    container.id.startsWith(needle) ||
    container.ports.some(
      (port) => String(port.publicPort ?? '').includes(needle) || String(port.privatePort).includes(needle),
    ) ||
    (container.composeProject?.toLowerCase().includes(needle) ?? false)
  );
}

/** The container a name or an id (full or its start, as the CLI accepts it) points to. */
export function findContainer(containers: ContainerSummary[], nameOrId: string): ContainerSummary | undefined {
  return (
    containers.find((container) => container.id === nameOrId || container.name === nameOrId) ??
    (nameOrId.length >= 12 ? containers.find((container) => container.id.startsWith(nameOrId)) : undefined)
  );
}
