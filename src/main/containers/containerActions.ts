import type Docker from 'dockerode';
import type { z } from 'zod';
import type {
  ContainerAction,
  containerActionInputSchema,
  containerRemoveInputSchema,
  ContainerSummary,
} from '../../shared/containers';
import { BerthError } from '../../shared/errors';
import { engineError, engineStatus, notFound } from '../engine/engineErrors';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL, imageName, toContainerSummary } from './containerSummary';

export type ContainerActionInput = z.input<typeof containerActionInputSchema>;
export type ContainerRemoveInput = z.input<typeof containerRemoveInputSchema>;

export interface ContainerActionsOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
}

/** The part of GET /containers/{id}/json the actions read. */
interface InspectJson {
  Id: string;
  Name: string;
  Created: string;
  Path?: string;
  Args?: string[];
  Image: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null };
  State: { Status: string; Running: boolean; Paused: boolean; Restarting: boolean };
}

/**
 * Start, stop, restart, pause, unpause and kill a container, and remove it. Removal is the
 * safety net under the renderer's dialogs: the confirmation must name the container, and a
 * running one needs force plus a second confirmation.
 */
export class ContainerActions {
  private readonly getClient: () => Docker;

  constructor(options: ContainerActionsOptions) {
    this.getClient = options.getClient;
  }

  /**
   * POST /containers/{id}/{action}, then the container as it is now. "Already started" or
   * "already stopped" (304) is the wished-for state, so it counts as done.
   */
  async act(input: ContainerActionInput): Promise<ContainerSummary> {
    const client = this.getClient();
    const before = await inspect(client, input.id);
    const label = nameOf(before);
    const container = client.getContainer(before.Id);
    try {
      await runAction(container, input.action);
    } catch (error) {
      if (engineStatus(error) !== 304) throw toActionError(error, input.action, label);
    }
    let rows: Docker.ContainerInfo[];
    try {
      rows = await client.listContainers({ all: true, filters: { id: [before.Id] } });
    } catch (error) {
      throw engineError(error, `Listing ${label} after ${input.action}`);
    }
    const row = rows.find((candidate) => candidate.Id === before.Id);
    if (row) return toContainerSummary(row);
    // Started with --rm: stopping it removes it.
    return { ...summaryFromInspect(before), state: 'removing', status: 'Removal In Progress' };
  }

  /**
   * DELETE /containers/{id}?v=…&force=…, after checking the confirmation names the container (its
   * name, full id or 12-character id) and that a running one is forced and confirmed twice.
   */
  async remove(input: ContainerRemoveInput): Promise<{ removed: string }> {
    const force = input.force ?? false;
    const confirmRunning = input.confirmRunning ?? false;
    const removeVolumes = input.removeVolumes ?? false;
    const client = this.getClient();
    const info = await inspect(client, input.id);
    const name = nameOf(info);
    if (!namesContainer(info, input.confirm)) {
      throw new BerthError(
        'confirmation-required',
        `The confirmation "${input.confirm}" does not name the container ${name}: type its name or id to remove it.`,
      );
    }
    // Paused and restarting containers still run as far as removal goes: the engine needs force.
    const runs = info.State.Running || info.State.Paused || info.State.Restarting;
    if (runs) {
      const how = info.State.Paused ? 'running (paused)' : info.State.Restarting ? 'running (restarting)' : 'running';
      if (!force) {
        throw new BerthError(
          'in-use',
          `The container ${name} is ${how}: stop it first, or force the removal (which kills it).`,
        );
      }
      if (!confirmRunning) {
        throw new BerthError(
          'confirmation-required',
          `The container ${name} is ${how}: forcing its removal kills it at once, and needs a second confirmation.`,
        );
      }
    }
    try {
      await client.getContainer(info.Id).remove({ v: removeVolumes, force });
    } catch (error) {
      throw engineError(error, `Removing ${name}`, [
        notFound(`container ${name}`),
        {
          status: 409,
          words: /running|paused|restarting|stop the container/i,
          code: 'in-use',
          message: (words) => `The engine refused to remove ${name}: ${words}`,
        },
      ]);
    }
    return { removed: info.Id };
  }
}

function runAction(container: Docker.Container, action: ContainerAction): Promise<unknown> {
  switch (action) {
    case 'start':
      return container.start();
    case 'stop':
      // No t: the engine's default timeout (the container's StopTimeout, else 10 s), like `docker stop`.
      return container.stop();
    case 'restart':
      return container.restart();
    case 'pause':
      return container.pause();
    case 'unpause':
      return container.unpause();
    case 'kill':
      return container.kill({ signal: 'SIGKILL' });
  }
}

async function inspect(client: Docker, id: string): Promise<InspectJson> {
  try {
    return (await client.getContainer(id).inspect()) as unknown as InspectJson;
  } catch (error) {
    throw engineError(error, `Looking up the container ${id}`, [
      { status: 404, code: 'not-found', message: () => `There is no container ${id}.` },
    ]);
  }
}

const doingAction: Record<ContainerAction, string> = {
  start: 'Starting',
  stop: 'Stopping',
  restart: 'Restarting',
  pause: 'Pausing',
  unpause: 'Unpausing',
  kill: 'Killing',
};

function toActionError(error: unknown, action: ContainerAction, label: string): BerthError {
  return engineError(error, `${doingAction[action]} ${label}`, [
    notFound(`container ${label}`),
    {
      status: 409,
      words: /\bname\b.*\b(in use|already)\b|conflict.*name/i,
      code: 'name-in-use',
      message: (words) => words,
    },
    // Other 409s (pausing a stopped container: "is not running", "is not paused"…) and the rest: the engine's words.
  ]);
}

function nameOf(info: Pick<InspectJson, 'Name' | 'Id'>): string {
  return info.Name.replace(/^\//, '') || info.Id.slice(0, 12);
}

/** Whether a confirmation names the container: its name (without "/"), its full id or its 12-character id. */
export function namesContainer(info: Pick<InspectJson, 'Name' | 'Id'>, confirm: string): boolean {
  const value = confirm.trim();
  if (value === '') return false;
  return value === nameOf(info) || value === info.Id || value === info.Id.slice(0, 12);
}

function summaryFromInspect(info: InspectJson): ContainerSummary {
  const labels = info.Config?.Labels ?? {};
  const created = Date.parse(info.Created);
  return {
    id: info.Id,
    name: nameOf(info),
    image: imageName(info.Config?.Image ?? info.Image),
    imageId: info.Image,
    command: [info.Path ?? '', ...(info.Args ?? [])].join(' ').trim(),
    state: 'exited',
    status: '',
    health: null,
    // Read before the action: not the exit code the action caused.
    exitCode: null,
    created: Number.isFinite(created) ? Math.floor(created / 1000) : 0,
    ports: [],
    composeProject: labels[COMPOSE_PROJECT_LABEL] || null,
    composeService: labels[COMPOSE_SERVICE_LABEL] || null,
  };
}
