import type Docker from 'dockerode';
import { BerthError } from '../../shared/errors';
import { VOLUME_LESSON, type VolumeLessonState, type VolumeLessonStep } from '../../shared/volumes';
import { execOutput } from '../containers/execOutput';
import { engineError, engineStatus, notFound } from '../engine/engineErrors';
import type { Pulls } from '../images/pulls';
import { cliCommands, doneSteps, lessonValue, nextStep, REDIS_COMMAND, type LessonFacts } from './volumeLessonPlan';

export interface VolumeLessonOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  /** redis is pulled through the pull jobs when missing, so its progress shows in the pulls panel. */
  pulls: Pulls;
  /**
   * The redis image the containers run. Default redis (what the lesson's commands show); the tests
   * name another reference of it, missing from the image cache, to see it pulled through the pull jobs.
   */
  image?: string;
  /** How long a new redis has to answer PING. Default 20 s. */
  readyTimeoutMs?: number;
  now?: () => Date;
}

const { volume: VOLUME, first: FIRST, second: SECOND, key: KEY } = VOLUME_LESSON;
const LABELS = { [VOLUME_LESSON.labelKey]: VOLUME_LESSON.labelValue };
const LABEL_FILTER = `${VOLUME_LESSON.labelKey}=${VOLUME_LESSON.labelValue}`;

interface LessonContainer {
  id: string;
  name: string;
  running: boolean;
}

const stepTitles: Record<VolumeLessonStep, string> = {
  run: `1 (run ${FIRST})`,
  write: '2 (write the key)',
  remove: `3 (remove ${FIRST})`,
  runAgain: `4 (run ${SECOND})`,
  read: '5 (read the key back)',
};

/**
 * The volume lesson: data that outlives a container. Each step is done on the live engine and then
 * checked there (redis answers, the key is in it, the container is gone and the volume is not...).
 * Its state is read from the engine (the things labelled berth.lesson=volumes), so it resumes after
 * a restart of Berth; only what step 2 wrote and that step 5 was done are remembered in memory.
 */
export class VolumeLesson {
  private readonly getClient: () => Docker;
  private readonly pulls: Pulls;
  private readonly readyTimeoutMs: number;
  private readonly image: string;
  private readonly now: () => Date;
  /** One step (or reset) at a time: a second click waits, then finds its step out of order. */
  private queue: Promise<unknown> = Promise.resolve();
  /** What step 2 wrote, for the volume it wrote into (its creation time tells a recreated one apart). */
  private written: { volumeCreated: string; value: string } | null = null;
  /** What step 5 read, from which second container. */
  private readBack: { containerId: string; value: string } | null = null;

  constructor(options: VolumeLessonOptions) {
    this.getClient = options.getClient;
    this.pulls = options.pulls;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
    this.image = options.image ?? VOLUME_LESSON.image;
    this.now = options.now ?? (() => new Date());
  }

  state(): Promise<VolumeLessonState> {
    return this.serially(() => this.readState());
  }

  step(step: VolumeLessonStep): Promise<VolumeLessonState> {
    return this.serially(async () => {
      const before = await this.readState();
      const next = nextStep(before.done);
      if (next !== step) {
        const message =
          next === null
            ? `The lesson is finished: step ${stepTitles[step]} is done. Start over to do it again.`
            : `Step ${stepTitles[step]} is not next: step ${stepTitles[next]} comes first.`;
        throw new BerthError('lesson-out-of-order', message);
      }
      const client = this.getClient();
      switch (step) {
        case 'run':
          await this.runRedis(client, FIRST);
          break;
        case 'write':
          await this.writeKey(client);
          break;
        case 'remove':
          await this.removeFirst(client);
          break;
        case 'runAgain':
          await this.runRedis(client, SECOND);
          break;
        case 'read':
          await this.readKey(client);
          break;
      }
      return this.readState();
    });
  }

  /** Removes the lesson's containers (label berth.lesson=volumes) and its volume; the confirmation must name the volume. */
  reset(confirm: string): Promise<VolumeLessonState> {
    return this.serially(async () => {
      if (confirm !== VOLUME) {
        throw new BerthError(
          'confirmation-required',
          `Starting the lesson over removes the volume ${VOLUME} and the lesson's containers: the confirmation does not name the volume.`,
        );
      }
      const client = this.getClient();
      for (const container of await this.lessonContainers(client)) {
        try {
          // v=false: a container's removal never takes a named volume; the volume goes below, by name.
          await client.getContainer(container.id).remove({ force: true, v: false });
        } catch (error) {
          if (engineStatus(error) !== 404) throw engineError(error, `Removing ${container.name}`);
        }
      }
      if ((await this.lessonVolume(client)) !== null) {
        try {
          await client.getVolume(VOLUME).remove();
        } catch (error) {
          if (engineStatus(error) !== 404) {
            throw engineError(error, `Removing the volume ${VOLUME}`, [
              {
                status: 409,
                code: 'in-use',
                message: (words) => `The volume ${VOLUME} is still used by a container: ${words}`,
              },
            ]);
          }
        }
      }
      this.written = null;
      this.readBack = null;
      return this.readState();
    });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  // ---------------------------------------------------------------- the steps

  /** Steps 1 and 4: the volume (made with the lesson's label), redis on it, running and answering PING. */
  private async runRedis(client: Docker, name: string): Promise<void> {
    await this.ensureImage(client);
    if ((await this.lessonVolume(client)) === null) {
      try {
        await client.createVolume({ Name: VOLUME, Labels: LABELS });
      } catch (error) {
        throw engineError(error, `Creating the volume ${VOLUME}`);
      }
      // A volume of that name that the lesson did not make is never taken over (nor removed by reset).
      if ((await this.lessonVolume(client)) === null) {
        throw new BerthError(
          'name-in-use',
          `A volume named ${VOLUME} exists that the lesson did not make. Remove or rename it, then run the step again.`,
        );
      }
    }
    let container = (await this.lessonContainers(client)).find((found) => found.name === name);
    if (!container) {
      try {
        const created = await client.createContainer({
          name,
          Image: this.image,
          Cmd: REDIS_COMMAND,
          Labels: LABELS,
          HostConfig: { Binds: [`${VOLUME}:/data`] },
        });
        container = { id: created.id, name, running: false };
      } catch (error) {
        throw engineError(error, `Creating ${name}`, [
          {
            status: 409,
            code: 'name-in-use',
            message: () =>
              `A container named ${name} exists that the lesson did not make. Remove or rename it, then run the step again.`,
          },
        ]);
      }
    }
    await this.ensureRunning(client, container);
    await this.waitForPong(client, container.id, name);
  }

  /** Step 2: SET the key in the first container, wait until redis wrote it to its file in /data, GET it back. */
  private async writeKey(client: Docker): Promise<void> {
    const first = await this.requireContainer(client, FIRST);
    const value = lessonValue(this.now());
    const set = await this.redis(client, first.id, ['SET', KEY, value]);
    if (set !== 'OK') throw checkFailed(`redis-cli SET ${KEY} in ${FIRST} answered "${set}", not OK.`);
    await this.waitForAofWritten(client, first.id);
    const read = await this.redis(client, first.id, ['GET', KEY]);
    if (read !== value) throw checkFailed(`redis-cli GET ${KEY} in ${FIRST} answered "${read}", not "${value}".`);
    const volume = await this.lessonVolume(client);
    this.written = volume === null ? null : { volumeCreated: volume.created, value };
  }

  /** Step 3: `docker rm -f` of the first container; checked: it is gone and the volume is not. */
  private async removeFirst(client: Docker): Promise<void> {
    const first = await this.requireContainer(client, FIRST);
    try {
      await client.getContainer(first.id).remove({ force: true, v: false });
    } catch (error) {
      if (engineStatus(error) !== 404) throw engineError(error, `Removing ${FIRST}`);
    }
    if ((await this.lessonContainers(client)).some((container) => container.id === first.id)) {
      throw checkFailed(`${FIRST} is still there after its removal.`);
    }
    if ((await this.lessonVolume(client)) === null) {
      throw checkFailed(`The volume ${VOLUME} is gone with ${FIRST}: it should have stayed.`);
    }
  }

  /** Step 5: GET the key from the second container; checked: it is what step 2 wrote (when Berth knows it). */
  private async readKey(client: Docker): Promise<void> {
    const second = await this.requireContainer(client, SECOND);
    const value = await this.redis(client, second.id, ['GET', KEY]);
    if (value === '') {
      throw checkFailed(
        `The key ${KEY} is not in ${SECOND}: the volume ${VOLUME} does not hold it (was the first container removed before step 2?).`,
      );
    }
    const written = await this.knownWritten(client);
    if (written !== null && value !== written) {
      throw checkFailed(`${SECOND} has ${KEY} = "${value}", but step 2 wrote "${written}".`);
    }
    this.readBack = { containerId: second.id, value };
  }

  // ---------------------------------------------------------------- the engine

  private async readState(): Promise<VolumeLessonState> {
    const client = this.getClient();
    const [containers, volume] = await Promise.all([this.lessonContainers(client), this.lessonVolume(client)]);
    const first = containers.find((container) => container.name === FIRST) ?? null;
    const second = containers.find((container) => container.name === SECOND) ?? null;
    const firstValue = first?.running && !second ? await this.redisQuietly(client, first.id, ['GET', KEY]) : null;
    const facts: LessonFacts = {
      volume: volume !== null,
      first,
      second,
      firstValue: firstValue === '' ? null : firstValue,
      readOnSecond: second !== null && this.readBack?.containerId === second.id,
    };
    const done = doneSteps(facts);
    const remembered = volume !== null && this.written?.volumeCreated === volume.created ? this.written.value : null;
    const written = done.includes('write') ? (facts.firstValue ?? remembered) : null;
    const readBack = done.includes('read') ? (this.readBack?.value ?? null) : null;
    const current = second ?? first;
    const last = done.at(-1);
    return {
      done,
      volume: VOLUME,
      container: current?.id ?? null,
      containerName: current?.name ?? null,
      observed:
        last === 'read' ? readBack : last === 'write' ? written : last === 'run' || last === 'runAgain' ? 'PONG' : null,
      commands: cliCommands(done, written),
      written,
      readBack,
    };
  }

  private async knownWritten(client: Docker): Promise<string | null> {
    const volume = await this.lessonVolume(client);
    return volume !== null && this.written?.volumeCreated === volume.created ? this.written.value : null;
  }

  /** Every container with the lesson's label, running or not. */
  private async lessonContainers(client: Docker): Promise<LessonContainer[]> {
    try {
      const rows = await client.listContainers({ all: true, filters: { label: [LABEL_FILTER] } });
      return rows.map((row) => ({
        id: row.Id,
        name: (row.Names[0] ?? '').replace(/^\//, ''),
        running: row.State === 'running',
      }));
    } catch (error) {
      throw engineError(error, "Listing the lesson's containers");
    }
  }

  /** The lesson's volume when it exists and carries the lesson's label (one of that name without it is not the lesson's). */
  private async lessonVolume(client: Docker): Promise<{ created: string } | null> {
    try {
      const info = (await client.getVolume(VOLUME).inspect()) as {
        Labels?: Record<string, string> | null;
        CreatedAt?: string;
      };
      if (info.Labels?.[VOLUME_LESSON.labelKey] !== VOLUME_LESSON.labelValue) return null;
      return { created: info.CreatedAt ?? '' };
    } catch (error) {
      if (engineStatus(error) === 404) return null;
      throw engineError(error, `Looking for the volume ${VOLUME}`);
    }
  }

  private async requireContainer(client: Docker, name: string): Promise<LessonContainer> {
    const container = (await this.lessonContainers(client)).find((found) => found.name === name);
    if (!container) throw new BerthError('not-found', `There is no container ${name} any more.`);
    await this.ensureRunning(client, container);
    return container;
  }

  /** Starts a lesson container that stopped (the Docker server restarted, or the user stopped it). */
  private async ensureRunning(client: Docker, container: LessonContainer): Promise<void> {
    if (container.running) return;
    try {
      await client.getContainer(container.id).start();
    } catch (error) {
      if (engineStatus(error) !== 304) throw engineError(error, `Starting ${container.name}`, [notFound('container')]);
    }
    container.running = true;
  }

  /** redis is pulled through the pull jobs when it is not in the image cache. */
  private async ensureImage(client: Docker): Promise<void> {
    try {
      await client.getImage(this.image).inspect();
      return;
    } catch (error) {
      if (engineStatus(error) !== 404) throw engineError(error, `Looking for ${this.image} in the image cache`);
    }
    let job = this.pulls.start(this.image);
    if (job.state === 'pulling') job = await this.pulls.settled(job.id);
    if (job.state !== 'done') {
      throw BerthError.fromWire(
        job.error ?? {
          code: 'engine-error',
          message: `Pulling ${this.image} ${job.state === 'cancelled' ? 'was cancelled' : 'failed'}.`,
        },
      );
    }
  }

  /** redis-cli in the container: its answer, trimmed; a failure to run it is a failed check. */
  private async redis(client: Docker, containerId: string, args: string[]): Promise<string> {
    let result;
    try {
      result = await execOutput(client, containerId, ['redis-cli', ...args]);
    } catch (error) {
      throw engineError(error, `redis-cli ${args[0] ?? ''}`, [notFound('container')]);
    }
    if (result.timedOut || result.exitCode !== 0) {
      const said = (result.stderr || result.stdout).trim();
      throw checkFailed(
        `redis-cli ${args.join(' ')} ${result.timedOut ? 'did not answer in time' : `exited with code ${String(result.exitCode)}`}${said ? `: ${said}` : ''}`,
      );
    }
    return result.stdout.trim();
  }

  private async redisQuietly(client: Docker, containerId: string, args: string[]): Promise<string | null> {
    try {
      return await this.redis(client, containerId, args);
    } catch {
      return null;
    }
  }

  /** A new redis takes a moment to open its port and load its file: PING until it answers PONG. */
  private async waitForPong(client: Docker, containerId: string, name: string): Promise<void> {
    const deadline = Date.now() + this.readyTimeoutMs;
    let last: string;
    for (;;) {
      try {
        const answer = await this.redis(client, containerId, ['PING']);
        if (answer === 'PONG') return;
        last = answer;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      let info: Docker.ContainerInspectInfo;
      try {
        info = await client.getContainer(containerId).inspect();
      } catch (error) {
        throw engineError(error, `Looking at ${name}`, [notFound('container')]);
      }
      if (!info.State.Running) {
        throw checkFailed(`${name} stopped (exit code ${info.State.ExitCode}) before it answered PING.`);
      }
      if (Date.now() > deadline) {
        throw checkFailed(
          `${name} runs but did not answer PING within ${this.readyTimeoutMs / 1000} s${last ? `: ${last}` : ''}.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /**
   * Why not a fixed wait: redis answers SET once the key is in memory; the append-only file gets it
   * at the end of that event loop turn, except while a background fsync is under way, when redis
   * postpones the write (up to 2 s). INFO persistence's aof_buffer_length is 0 once everything is
   * written to the file in /data: from then on the data is the volume's (in the host's page cache),
   * and `docker rm -f` (SIGKILL) cannot lose it. SAVE would not do: with appendonly on, redis loads
   * the append-only file at start, not dump.rdb.
   */
  private async waitForAofWritten(client: Docker, containerId: string): Promise<void> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const info = await this.redis(client, containerId, ['INFO', 'persistence']);
      if (/^aof_enabled:0/m.test(info))
        throw checkFailed(`redis in ${FIRST} has no append-only file (appendonly is off).`);
      if (/^aof_buffer_length:0\s*$/m.test(info)) return;
      if (Date.now() > deadline) throw checkFailed(`redis in ${FIRST} did not write the key to /data within 5 s.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const checkFailed = (message: string) => new BerthError('lesson-check-failed', message);
