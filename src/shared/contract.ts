import { z } from 'zod';
import {
  containerActionInputSchema,
  containerChangeSchema,
  containerInspectSchema,
  containerLogsInputSchema,
  containerRemoveInputSchema,
  containerStatsInputSchema,
  containerSummarySchema,
  logBatchSchema,
  portProbeInputSchema,
  portProbeResultSchema,
  statsSampleSchema,
  terminalEventSchema,
  terminalInputSchema,
  terminalOpenInputSchema,
  terminalResizeSchema,
  terminalSessionSchema,
  terminalShellsInputSchema,
  terminalShellsResultSchema,
} from './containers';
import {
  buildContextInputSchema,
  buildContextSummarySchema,
  buildExampleNameSchema,
  buildFolderInputSchema,
  buildFolderSchema,
  buildIdInputSchema,
  buildJobSchema,
  buildOptionsSchema,
  dockerfileSaveInputSchema,
  dockerfileSaveResultSchema,
  folderPickSchema,
  ignoreFolderInputSchema,
  imageLayersInputSchema,
  imageLayersSchema,
} from './builds';
import {
  composeCheckInputSchema,
  composeCheckResultSchema,
  composeDocumentSchema,
  composeDownPlanSchema,
  composeExampleNameSchema,
  composeJobIdInputSchema,
  composeJobSchema,
  composeLogsInputSchema,
  composeOpenInputSchema,
  composeProjectStateSchema,
  composeRunInputSchema,
  composeSaveInputSchema,
  composeSaveResultSchema,
  composeTargetSchema,
  composeToolSchema,
} from './compose';
import { engineStatusSchema, installationReportSchema } from './engine';
import { hubSearchInputSchema, hubSearchResultSchema, hubTagsInputSchema, hubTagsResultSchema } from './hub';
import { imagePruneInputSchema, imagePruneResultSchema, imageRemoveInputSchema, localImageSchema } from './images';
import { pullIdInputSchema, pullJobSchema, pullStartInputSchema } from './pulls';
import { detectionReportSchema, startEngineResultSchema } from './onboarding';
import { exposedPortsSchema, runCheckResultSchema, runFlowSchema, runInputSchema } from './run';
import { engineOptionSchema, settingsPatchSchema, settingsStateSchema } from './settings';
import { trayModelSchema } from './tray';
import {
  cleanupPlanInputSchema,
  cleanupPlanSchema,
  cleanupResultSchema,
  cleanupRunInputSchema,
  diskUsageSchema,
  reclaimableNoticeSchema,
} from './diskUsage';
import {
  networkConnectInputSchema,
  networkCreateInputSchema,
  networkDisconnectInputSchema,
  networkReachInputSchema,
  networkReachResultSchema,
  networkRemoveInputSchema,
  networkSchema,
} from './networks';
import {
  filePickSchema,
  savedFileSchema,
  savePickInputSchema,
  volumeBackupInputSchema,
  volumeBrowseInputSchema,
  volumeFileSessionInputSchema,
  volumeCreateInputSchema,
  volumeDownloadInputSchema,
  volumeFileInputSchema,
  volumeFileSchema,
  volumeListingSchema,
  volumePruneInputSchema,
  volumePruneResultSchema,
  volumeRemoveInputSchema,
  volumeRestoreInputSchema,
  volumeRestoreResultSchema,
  volumeSchema,
  volumeSizesSchema,
} from './volumes';
import {
  lessonCopyExampleInputSchema,
  lessonInputSchema,
  lessonsStateSchema,
  versionOutputInputSchema,
  versionOutputResultSchema,
} from './lessons';

/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC and
 * the harness's WebSocket) carry exactly these requests and streams, validated by these schemas.
 * Inputs are strict objects: unknown fields are refused, not ignored.
 */
const noInput = z.object({}).strict();

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

function stream<I extends z.ZodType, E extends z.ZodType>(input: I, event: E) {
  return { input, event };
}

export const contract = {
  requests: {
    /** The engine's connection state as the main process knows it now. */
    'engine.getStatus': request(noInput, engineStatusSchema),
    /** Check the engine again at once instead of waiting for the next backoff step. */
    'engine.retryNow': request(noInput, engineStatusSchema),
    /** The installation check: `docker version`'s client and server halves. */
    'installation.check': request(noInput, installationReportSchema),

    /** Docker Hub repository search (the engine's search when the Hub API cannot be reached). */
    'hub.search': request(hubSearchInputSchema, hubSearchResultSchema),
    /** A Hub repository's tags, newest first. */
    'hub.tags': request(hubTagsInputSchema, hubTagsResultSchema),

    /** Starts pulling an image in the main process; progress comes on the pulls.jobs stream. */
    'pulls.start': request(pullStartInputSchema, pullJobSchema),
    'pulls.cancel': request(pullIdInputSchema, pullJobSchema),
    /** Forgets a finished pull, so the pulls panel no longer lists it. */
    'pulls.dismiss': request(pullIdInputSchema, z.object({ dismissed: z.boolean() })),

    'images.list': request(noInput, z.array(localImageSchema)),
    /** Removes an image; refuses without a confirmation that names it (and its containers, with force). */
    'images.remove': request(imageRemoveInputSchema, z.object({ removed: z.array(z.string()) })),
    /** Removes exactly the dangling images the user saw listed. */
    'images.prune': request(imagePruneInputSchema, imagePruneResultSchema),

    /** Every layer of a local image with the step that made it, and which layers other local images share. */
    'images.layers': request(imageLayersInputSchema, imageLayersSchema),

    /** The OS folder dialog (Electron only; elsewhere available is false and the user types a path). */
    'builds.pickFolder': request(noInput, folderPickSchema),
    /** A folder to build: its Dockerfile (or the one asked for) and the files that might be one. */
    'builds.openFolder': request(buildFolderInputSchema, buildFolderSchema),
    /** Copies an example project to Berth's own folder (once) and opens it like any folder. */
    'builds.openExample': request(z.object({ name: buildExampleNameSchema }).strict(), buildFolderSchema),
    /** Writes the Dockerfile, unless it changed on disk since the version the editor started from. */
    'builds.saveDockerfile': request(dockerfileSaveInputSchema, dockerfileSaveResultSchema),
    /** What a build would send: files and bytes after .dockerignore, the biggest folders, a warning past 100 MB. */
    'builds.context': request(buildContextInputSchema, buildContextSummarySchema),
    /** Adds a folder of the context to its .dockerignore (the oversized warning's one click); the new summary. */
    'builds.ignoreFolder': request(ignoreFolderInputSchema, buildContextSummarySchema),
    /** Starts a build in the main process (POST /build); its steps come on the builds.jobs stream. */
    'builds.start': request(buildOptionsSchema, buildJobSchema),
    /** Stops a build: no new tag, no intermediate container left. */
    'builds.cancel': request(buildIdInputSchema, buildJobSchema),

    /** The volumes (`docker volume ls`) with the containers that mount each. */
    'volumes.list': request(noInput, z.array(volumeSchema)),
    /** Each volume's size from GET /system/df: slow on big engines, so only when the user asks. */
    'volumes.sizes': request(noInput, volumeSizesSchema),
    'volumes.create': request(volumeCreateInputSchema, volumeSchema),
    /** Removes a volume; refuses without a confirmation naming it, and while containers use it (naming them). */
    'volumes.remove': request(volumeRemoveInputSchema, z.object({ removed: z.string() })),
    /** Removes exactly the unused volumes the user saw listed (never the engine's prune, whose rules differ by version). */
    'volumes.prune': request(volumePruneInputSchema, volumePruneResultSchema),
    /** A folder of a volume, read-only, through a short-lived helper container. */
    'volumes.browse': request(volumeBrowseInputSchema, volumeListingSchema),
    /** A file of a volume: its text when small and text, otherwise only its size. */
    'volumes.readFile': request(volumeFileInputSchema, volumeFileSchema),
    /** Saves one file of a volume to this computer. */
    'volumes.download': request(volumeDownloadInputSchema, savedFileSchema),
    /** Saves a volume's files as a .tar on this computer. */
    'volumes.backup': request(volumeBackupInputSchema, savedFileSchema),
    /** Unpacks a .tar into a new volume. */
    'volumes.restore': request(volumeRestoreInputSchema, volumeRestoreResultSchema),
    /** Ends a volume's browse session: its read-only helper container is removed now, so the volume is free. */
    'volumes.closeFiles': request(volumeFileSessionInputSchema, z.object({ closed: z.boolean() })),
    /** The OS save dialog (Electron only; elsewhere available is false and the user types a path). */
    'files.pickSave': request(savePickInputSchema, filePickSchema),
    /** The OS open dialog for a .tar (Electron only, like files.pickSave). */
    'files.pickOpen': request(noInput, filePickSchema),

    /** Every lesson of the course: its steps as the live engine shows them, and what it still needs. */
    'lessons.state': request(noInput, lessonsStateSchema),
    /** Opens a lesson: from now on the engine's events check its steps (its progress is saved). */
    'lessons.start': request(lessonInputSchema, lessonsStateSchema),
    /** Forgets a lesson's progress (nothing on the engine is touched), to do it again from the first step. */
    'lessons.reset': request(lessonInputSchema, lessonsStateSchema),
    /** Checks a lesson again now, for what no engine event announces (a page visited, a file edited). */
    'lessons.recheck': request(lessonInputSchema, lessonsStateSchema),
    /** Copies the lesson's example project into a folder the user picked (never over files there). */
    'lessons.copyExample': request(lessonCopyExampleInputSchema, lessonsStateSchema),
    /** Lesson 3: does the pasted `docker version` output come from the engine Berth is connected to? */
    'lessons.checkVersionOutput': request(versionOutputInputSchema, versionOutputResultSchema),

    /** The networks (`docker network ls`) with the containers on each, their addresses and aliases. */
    'networks.list': request(noInput, z.array(networkSchema)),
    /** Creates a user-defined bridge network. */
    'networks.create': request(networkCreateInputSchema, networkSchema),
    /** Removes a network; refuses built-in ones, one in use (naming its containers), and without a confirmation naming it. */
    'networks.remove': request(networkRemoveInputSchema, z.object({ removed: z.string() })),
    'networks.connect': request(networkConnectInputSchema, networkSchema),
    /** Takes a container off a network; the confirmation names the container. */
    'networks.disconnect': request(networkDisconnectInputSchema, networkSchema),
    /** "Can A reach B by name?": ping (or nslookup) B from inside A, live. */
    'networks.reach': request(networkReachInputSchema, networkReachResultSchema),

    /** `docker system df -v`: images, containers, volumes and build cache with what could be freed. */
    'disk.usage': request(noInput, diskUsageSchema),
    /** Every item the ticked clean-up kinds would remove, and the space each frees. */
    'disk.plan': request(cleanupPlanInputSchema, cleanupPlanSchema),
    /** Removes exactly the planned items that still qualify, then measures again. */
    'disk.cleanUp': request(cleanupRunInputSchema, cleanupResultSchema),

    /** Which compose the user's Docker has (`docker compose`, else `docker-compose`), found as the CLI finds it. */
    'compose.tool': request(noInput, composeToolSchema),
    /** Opens a project from a folder or a compose file: its files with overrides, checked against the Compose Specification. */
    'compose.open': request(composeOpenInputSchema, composeDocumentSchema),
    /** Copies an example project to Berth's own folder (once) and opens it like any folder. */
    'compose.openExample': request(z.object({ name: composeExampleNameSchema }).strict(), composeDocumentSchema),
    /** Checks text being edited, with the project's other files, before it is saved. */
    'compose.check': request(composeCheckInputSchema, composeCheckResultSchema),
    /** Writes a compose file Berth opened, unless it changed on disk since the version the editor started from. */
    'compose.save': request(composeSaveInputSchema, composeSaveResultSchema),
    /** The projects the engine runs, found by their com.docker.compose.* labels, whoever started them. */
    'compose.projects': request(noInput, z.array(composeProjectStateSchema)),
    /** What down would remove (containers, networks, and the volumes it could), for its confirmation. */
    'compose.downPlan': request(composeTargetSchema, composeDownPlanSchema),
    /** Runs the compose command (up, down, stop, start, restart, pull) on the engine Berth is connected to; output on compose.jobs. */
    'compose.run': request(composeRunInputSchema, composeJobSchema),
    'compose.cancel': request(composeJobIdInputSchema, composeJobSchema),
    /** Forgets a finished command, so the output panel no longer lists it. */
    'compose.dismiss': request(composeJobIdInputSchema, z.object({ dismissed: z.boolean() })),

    /** What the engine knows is wrong with a run before anything is created: name taken, port taken. */
    'run.check': request(runInputSchema, runCheckResultSchema),
    /** `docker run`: look in the cache, pull when missing, create, start, stream output (run.flow). */
    'run.start': request(runInputSchema, z.object({ runId: z.string() })),
    /** "Run again": an earlier run's request once more, without its name (the first container keeps it). */
    'run.again': request(z.object({ runId: z.string().min(1).max(100) }).strict(), z.object({ runId: z.string() })),
    /** The ports a local image EXPOSEs, which the run dialog offers as port rows. */
    'run.exposedPorts': request(z.object({ image: z.string().max(512) }).strict(), exposedPortsSchema),

    /** start, stop, restart, pause, unpause, kill: resolves with the container as it is afterwards. */
    'containers.act': request(containerActionInputSchema, containerSummarySchema),
    /** Removes a container; refuses without a confirmation naming it (and a second one if it runs). */
    'containers.remove': request(containerRemoveInputSchema, z.object({ removed: z.string() })),
    'containers.inspect': request(
      z.object({ id: containerActionInputSchema.shape.id }).strict(),
      containerInspectSchema,
    ),
    /**
     * Whether a published port answers HTTP (a short HEAD request from this computer), so only web
     * ports are offered "open in browser". Only addresses of this computer are asked.
     */
    'ports.probeHttp': request(portProbeInputSchema, portProbeResultSchema),
    /** An interactive shell in a container (exec with a TTY); its output comes on terminal.output. */
    /** Which shells (sh, bash, ash) the container has, asked before a terminal is offered. */
    'terminal.shells': request(terminalShellsInputSchema, terminalShellsResultSchema),
    'terminal.open': request(terminalOpenInputSchema, z.object({ sessionId: z.string() })),
    'terminal.input': request(terminalInputSchema, z.object({ ok: z.boolean() })),
    'terminal.resize': request(terminalResizeSchema, z.object({ ok: z.boolean() })),
    'terminal.close': request(terminalSessionSchema, z.object({ ok: z.boolean() })),

    'settings.get': request(noInput, settingsStateSchema),
    /** Changes some settings, saves them, and applies them at once (language, theme, engine...). */
    'settings.update': request(settingsPatchSchema, settingsStateSchema),
    /** Engines Berth can switch to: automatic, every Docker context found, and the custom address. */
    'engines.list': request(noInput, z.array(engineOptionSchema)),

    /** The first-run wizard's checklist: the docker CLI, Docker Desktop and other engines, an answering endpoint. */
    'onboarding.detect': request(noInput, detectionReportSchema),
    /** Starts the engine where Berth can (macOS: opens Docker Desktop); otherwise says what to run. */
    'onboarding.startEngine': request(noInput, startEngineResultSchema),
  },
  streams: {
    /** The engine's connection state, pushed on every change; the current state comes first. */
    'engine.status': stream(noInput, engineStatusSchema),
    /** Every pull job on each change (at most 10 updates a second per pull; the last one exact). */
    'pulls.jobs': stream(noInput, pullJobSchema),
    /** The local images, again whenever the engine reports an image or container change. */
    'images.list': stream(noInput, z.array(localImageSchema)),
    /** Every build job on each change (at most 10 updates a second per build; the last one exact). */
    'builds.jobs': stream(noInput, buildJobSchema),
    /** One run's flow through client, daemon, cache, Hub, create and start, with the container's output. */
    'run.flow': stream(z.object({ runId: z.string().min(1).max(100) }).strict(), runFlowSchema),
    /** The containers: a snapshot, then a change per engine event (no polling). */
    'containers.changes': stream(z.object({}).strict(), containerChangeSchema),
    /** A container's logs, stdout and stderr apart, in batches. */
    'containers.logs': stream(containerLogsInputSchema, logBatchSchema),
    /** Live `docker stats` for the listed running containers, one sample per container per second. */
    'containers.stats': stream(containerStatsInputSchema, statsSampleSchema),
    'terminal.output': stream(terminalSessionSchema, terminalEventSchema),
    /** The settings after every change (from any window or the tray). */
    'settings.changes': stream(noInput, settingsStateSchema),
    /** The volumes, again whenever the engine reports a volume or container change. */
    'volumes.list': stream(noInput, z.array(volumeSchema)),
    /** The networks, again whenever the engine reports a network or container change. */
    'networks.list': stream(noInput, z.array(networkSchema)),
    /** Reclaimable space against the Settings threshold, measured on engine events at most once a minute. */
    'disk.reclaimable': stream(noInput, reclaimableNoticeSchema),
    /** The compose projects, again whenever the engine reports a container, volume or network change. */
    'compose.projects': stream(noInput, z.array(composeProjectStateSchema)),
    /** Every compose command on each change (at most 10 updates a second per command; the last one exact). */
    'compose.jobs': stream(noInput, composeJobSchema),
    /** A project's services' logs merged, each line with its service as source. */
    'compose.logs': stream(composeLogsInputSchema, logBatchSchema),
    /** The lessons' progress, again whenever an engine event (or Berth's own work) moves a step. */
    'lessons.progress': stream(noInput, lessonsStateSchema),
    /** The tray menu as the main process builds it, for the harness's preview page. */
    'tray.model': stream(noInput, trayModelSchema),
  },
} as const;

export type Contract = typeof contract;
export type RequestName = keyof Contract['requests'];
export type StreamName = keyof Contract['streams'];
export type RequestInput<N extends RequestName> = z.input<Contract['requests'][N]['input']>;
export type RequestResult<N extends RequestName> = z.output<Contract['requests'][N]['output']>;
export type StreamInput<N extends StreamName> = z.input<Contract['streams'][N]['input']>;
export type StreamEvent<N extends StreamName> = z.output<Contract['streams'][N]['event']>;

export const requestNames = Object.keys(contract.requests) as RequestName[];
export const streamNames = Object.keys(contract.streams) as StreamName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(contract.requests, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.hasOwn(contract.streams, name);
}
