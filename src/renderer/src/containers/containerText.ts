import type { TFunction } from 'i18next';
import type { ContainerPort, ContainerSummary } from '../../../shared/containers';

export function stateText(t: TFunction, container: Pick<ContainerSummary, 'state' | 'exitCode'>): string {
  if (container.state === 'exited') return t('containers.state.exited', { code: container.exitCode ?? '?' });
  return t(`containers.state.${container.state}`);
}

export const stateTone = {
  running: 'emerald',
  paused: 'amber',
  restarting: 'amber',
  created: 'slate',
  removing: 'slate',
  exited: 'slate',
  dead: 'rose',
} as const;

/** Ports published on this computer, each once (the engine lists IPv4 and IPv6 bindings apart). */
export function publishedPorts(
  ports: ContainerPort[],
): Array<{ publicPort: number; privatePort: number; type: string }> {
  const seen = new Set<string>();
  const result: Array<{ publicPort: number; privatePort: number; type: string }> = [];
  for (const port of ports) {
    if (port.publicPort === null) continue;
    const key = `${port.publicPort}/${port.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ publicPort: port.publicPort, privatePort: port.privatePort, type: port.type });
  }
  return result;
}

/** Which actions make sense in a state, in the order the row shows them. */
export function availableActions(
  state: ContainerSummary['state'],
): Array<'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill'> {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'pause', 'kill'];
    case 'paused':
      return ['unpause', 'kill'];
    case 'restarting':
      return ['stop', 'kill'];
    case 'created':
    case 'exited':
    case 'dead':
      return ['start'];
    case 'removing':
      return [];
  }
}
