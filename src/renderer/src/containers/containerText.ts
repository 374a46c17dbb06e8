import type { TFunction } from 'i18next';
import type { ContainerInspect, ContainerPort, ContainerSummary } from '../../../shared/containers';
import { groupPortRanges, type PortRange } from '../../../shared/portText';
import { restartPolicySchema } from '../../../shared/run';

export function stateText(t: TFunction, container: Pick<ContainerSummary, 'state' | 'exitCode'>): string {
  if (container.state === 'exited') return t('containers.state.exited', { code: container.exitCode ?? '?' });
  return t(`containers.state.${container.state}`);
}

/**
 * A restart policy in words ("on-failure" with 3 retries: "On failure (at most 3 retries)"); null
 * for a name the catalogs do not know, which the caller shows as the engine's own value.
 */
export function restartPolicyText(t: TFunction, policy: ContainerInspect['restartPolicy']): string | null {
  const known = restartPolicySchema.safeParse(policy.name || 'no');
  if (!known.success) return null;
  const name = t(`run.dialog.restartPolicy.${known.data}`);
  return policy.maximumRetryCount > 0
    ? t('details.inspect.restartRetries', { policy: name, count: policy.maximumRetryCount })
    : name;
}

const mountTypes = ['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster'] as const;

/** A mount's type in words ("bind": "folder of this computer"); null for a type the catalogs do not know. */
export function mountTypeText(t: TFunction, type: string): string | null {
  return (mountTypes as readonly string[]).includes(type) ? t(`details.inspect.mountType.${type}`) : null;
}

const stateTone = {
  running: 'emerald',
  paused: 'amber',
  restarting: 'amber',
  created: 'slate',
  removing: 'slate',
  exited: 'slate',
  dead: 'rose',
} as const;

/**
 * The exit codes a stop or kill leaves (128 + SIGINT, SIGKILL, SIGTERM): the container was asked
 * to end, it did not fail. A program killed for lack of memory also ends with 137; the logs say so.
 */
const stoppedBySignal = new Set([130, 137, 143]);

/** It ended by itself with an error (`exit 3`), so its logs are worth a look. */
export function exitedWithError(container: Pick<ContainerSummary, 'state' | 'exitCode'>): boolean {
  return (
    container.state === 'exited' &&
    container.exitCode !== null &&
    container.exitCode !== 0 &&
    !stoppedBySignal.has(container.exitCode)
  );
}

/** The state badge's colour: a failed exit is a warning, a clean one (or a stop) is neutral. */
export function stateToneOf(container: Pick<ContainerSummary, 'state' | 'exitCode'>) {
  return exitedWithError(container) ? 'amber' : stateTone[container.state];
}

/** The first ports of a row and how many more it has: at most `max` lines, the last one "+K more". */
export function portsToShow<T>(ports: readonly T[], max: number): { shown: T[]; more: number } {
  if (ports.length <= max) return { shown: [...ports], more: 0 };
  const shown = ports.slice(0, Math.max(0, max - 1));
  return { shown, more: ports.length - shown.length };
}

/** The ports published on this computer, as `docker ps` lists them: IPv4/IPv6 pairs merged (by the main process), consecutive ones as ranges. */
export function publishedPorts(ports: ContainerPort[]): PortRange[] {
  return groupPortRanges(ports.filter((port) => port.publicPort !== null));
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
