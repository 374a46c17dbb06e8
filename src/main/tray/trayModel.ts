import type { TFunction } from 'i18next';
import type { ContainerPort, ContainerSummary } from '../../shared/containers';
import { groupPortRanges, localWebAddress, mergeAddressFamilies, portClient, portText } from '../../shared/portText';
import { engineProductLabel, type EngineStatus } from '../../shared/engine';
import type { ReclaimableNotice } from '../../shared/diskUsage';
import { formatDiskSize } from '../../shared/dockerUnits';
import type { ErrorCode } from '../../shared/errors';
import { familiarName, parseImageReference } from '../../shared/imageReference';
import type { LocalImage } from '../../shared/images';
import { problemText } from '../../shared/problemText';
import { lessonIds, type LessonsState } from '../../shared/lessons';
import type { PullJob } from '../../shared/pulls';
import type { TrayIconState, TrayMenuItem, TrayModel } from '../../shared/tray';

/** Everything the tray menu shows. */
export interface TrayState {
  engine: EngineStatus;
  /** All containers the model knows; the running ones are listed. */
  containers: ContainerSummary[];
  /** The local image cache. */
  images: LocalImage[];
  /** Familiar names of images run from Berth, most recent first (e.g. "redis:latest"). */
  recentImages: string[];
  pulls: PullJob[];
  /** Published ports (portKey) known to answer HTTP: only these open in the browser. */
  webPorts?: ReadonlySet<string>;
  /** The last reclaimable-space measurement: an item offers the clean-up when it is over the threshold. */
  reclaimable?: ReclaimableNotice | null;
  /** The lessons' progress: a lesson started and not finished is offered to continue. */
  lessons?: LessonsState | null;
}

/** How many local images the "Run image" submenu lists. */
export const MAX_TRAY_IMAGES = 10;
/** How many running containers get their own submenu; the rest are a click away in the window. */
export const MAX_TRAY_CONTAINERS = 20;
/** The image a first try runs, as the course does. */
export const FIRST_TRY_IMAGE = 'hello-world';

/**
 * Problems that only mean "Docker is not up": the ordinary state when Docker Desktop is closed, shown
 * as stopped. Every other problem (no permission on the socket, an engine too old, an invalid address,
 * an engine error…) needs the user to fix something and is shown as an error. A timeout counts as
 * stopped: the engine may still be starting, and Berth keeps trying by itself.
 */
const stoppedProblems: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'engine-not-running',
  'engine-not-found',
  'engine-stopped',
  'engine-timeout',
]);

/** The tray icon for an engine status: running, starting (connecting), stopped, or error. */
export function trayIconState(engine: EngineStatus): TrayIconState {
  if (engine.state === 'connected') return 'running';
  if (engine.state === 'connecting') return 'starting';
  if (!engine.problem || stoppedProblems.has(engine.problem.code)) return 'stopped';
  return 'error';
}

/** The first line of the menu: the engine state, naming what runs it (Podman 4.3.1, Docker Desktop 4.42.0…). */
export function engineLine(engine: EngineStatus, t: TFunction): string {
  switch (trayIconState(engine)) {
    case 'running':
      return engine.server
        ? t('tray.engine.running', { product: engineProductLabel(engine.server) })
        : t('engine.state.connected');
    case 'starting':
      return t('tray.engine.starting');
    case 'stopped':
      return t('tray.engine.stopped');
    case 'error':
      return problemText(t, engine.problem).title;
  }
}

/** "redis" and "docker.io/library/redis:latest" both become "redis:latest"; unparsable names stay as they are. */
export function normalizeImageName(name: string): string {
  const parsed = parseImageReference(name);
  return parsed.ok ? familiarName(parsed.reference) : name.trim();
}

/** The tags of the local image cache, the recently run ones first (most recent first), then the newest. */
export function runnableImages(images: LocalImage[], recentImages: string[]): string[] {
  const newestFirst = [...images].filter((image) => !image.dangling).sort((a, b) => b.created - a.created);
  const local = new Set<string>();
  for (const image of newestFirst) {
    for (const tag of image.repoTags) if (tag && !tag.includes('<none>')) local.add(tag);
  }
  const ordered: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      ordered.push(name);
    }
  };
  for (const recent of recentImages) {
    const name = normalizeImageName(recent);
    if (local.has(name)) add(name);
  }
  for (const tag of local) add(tag);
  return ordered;
}

function isFirstTryImage(name: string): boolean {
  const parsed = parseImageReference(name);
  if (!parsed.ok) return false;
  const { domain, path } = parsed.reference;
  return domain === 'docker.io' && path === `library/${FIRST_TRY_IMAGE}`;
}

/** A published port's identity across rebuilds: its host address and number. */
export function portKey(port: ContainerPort): string {
  return `${port.ip ?? ''}|${port.publicPort ?? ''}|${port.type}`;
}

/**
 * A container's published ports, written as `docker ps` writes them. Those known to answer HTTP
 * open in the browser; the others are shown (disabled) with the command that reaches them, since a
 * browser would only show an error there.
 */
function portItems(container: ContainerSummary, webPorts: ReadonlySet<string>, t: TFunction): TrayMenuItem[] {
  return groupPortRanges(mergeAddressFamilies(container.ports).filter((port) => port.publicPort !== null)).map(
    (port): TrayMenuItem => {
      const id = `container:${container.id}:port:${portKey(port)}`;
      const text = portText(port);
      // A range is several ports: no single one to open or describe.
      const single = (port.count ?? 1) === 1;
      const url = single ? localWebAddress(port) : null;
      if (url && webPorts.has(portKey(port))) {
        return { id, label: t('tray.openInBrowser', { url, port: text }), action: { kind: 'open-url', url } };
      }
      const client = single ? portClient(port) : null;
      return { id, label: client ? `${text}: ${client.command}` : text, enabled: false };
    },
  );
}

const separator = (id: string): TrayMenuItem => ({ id, type: 'separator' });

/**
 * "Lessons…", or "Continue: <lesson> (step n of m)" for the lesson started last of those started and
 * not finished: the way back to where the learner left off.
 */
export function lessonsItem(lessons: LessonsState | null | undefined, t: TFunction): TrayMenuItem {
  const open = (lessons?.lessons ?? [])
    .filter((lesson) => lesson.started && !lesson.finished && lesson.steps.length > 0)
    .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0) || lessonIds.indexOf(a.id) - lessonIds.indexOf(b.id))[0];
  if (!open) {
    return {
      id: 'lessons',
      label: t('tray.lessons'),
      action: { kind: 'open-section', section: 'lessons', param: null },
    };
  }
  const current = open.steps.findIndex((step) => step.id === open.current);
  return {
    id: 'lessons',
    label: t('tray.continueLesson', {
      title: t(`course.${open.id}.title`),
      step: (current === -1 ? open.steps.filter((step) => step.done).length : current) + 1,
      count: open.steps.length,
    }),
    action: { kind: 'open-section', section: 'lessons', param: open.id },
  };
}

function containerMenu(container: ContainerSummary, webPorts: ReadonlySet<string>, t: TFunction): TrayMenuItem {
  const id = `container:${container.id}`;
  return {
    id,
    label: container.name,
    type: 'submenu',
    submenu: [
      { id: `${id}:logs`, label: t('tray.openLogs'), action: { kind: 'open-logs', containerId: container.id } },
      ...portItems(container, webPorts, t),
      separator(`${id}:separator`),
      {
        id: `${id}:restart`,
        label: t('tray.restart'),
        action: { kind: 'container-action', containerId: container.id, action: 'restart' },
      },
      {
        id: `${id}:stop`,
        label: t('tray.stop'),
        action: { kind: 'container-action', containerId: container.id, action: 'stop' },
      },
    ],
  };
}

/**
 * The tray menu for a state, in the user's language. Pure: the Electron shell renders it, the
 * harness previews it, and the tests read it.
 */
export function buildTrayModel(state: TrayState, t: TFunction): TrayModel {
  const connected = state.engine.state === 'connected';
  const icon = trayIconState(state.engine);
  const engineText = engineLine(state.engine, t);

  // While the engine is away the list is out of date: nothing is shown as running.
  const running = connected
    ? state.containers
        .filter((container) => container.state === 'running')
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    : [];
  const shown = running.slice(0, MAX_TRAY_CONTAINERS);
  const containerItems: TrayMenuItem[] =
    shown.length > 0
      ? shown.map((container) => containerMenu(container, state.webPorts ?? new Set(), t))
      : [{ id: 'containers:none', label: t('tray.noneRunning'), enabled: false }];
  if (running.length > shown.length) {
    containerItems.push(separator('containers:separator'), {
      id: 'containers:all',
      label: t('nav.containers'),
      action: { kind: 'open-section', section: 'containers', param: null },
    });
  }

  const images = runnableImages(state.images, state.recentImages).slice(0, MAX_TRAY_IMAGES);
  const imageItems: TrayMenuItem[] = images.map((image) => ({
    id: `run:${image}`,
    label: image,
    action: { kind: 'run-image', image },
  }));
  if (!images.some(isFirstTryImage)) {
    imageItems.push({
      id: 'run:first-try',
      label: t('tray.firstTry'),
      action: { kind: 'run-image', image: FIRST_TRY_IMAGE },
    });
  }

  const pulling = state.pulls.filter((job) => job.state === 'pulling');
  const pullItems: TrayMenuItem[] =
    pulling.length === 0
      ? []
      : [
          separator('separator:pulls'),
          { id: 'pulls', label: t('tray.pulls'), enabled: false },
          ...pulling.map((job): TrayMenuItem => ({
            id: `pull:${job.id}`,
            label: t('tray.pulling', { reference: job.reference, percent: Math.floor(job.percent) }),
            enabled: false,
          })),
        ];

  // Only while connected: the measurement is of an engine that is there.
  const diskItems: TrayMenuItem[] =
    connected && state.reclaimable?.over
      ? [
          separator('separator:disk'),
          {
            id: 'disk',
            label: t('disk.tray.reclaimable', { size: formatDiskSize(state.reclaimable.reclaimableBytes) }),
            action: { kind: 'open-section', section: 'disk', param: null },
          },
        ]
      : [];

  const tooltipState =
    pulling.length > 0 ? `${engineText} · ${t('pulls.active', { count: pulling.length })}` : engineText;

  return {
    icon,
    pulling: pulling.length > 0,
    tooltip: t('tray.tooltip', { state: tooltipState }),
    items: [
      { id: 'engine', label: engineText, enabled: false },
      separator('separator:top'),
      { id: 'open', label: t('tray.open'), action: { kind: 'open-window' } },
      {
        id: 'containers',
        label: t('tray.running', { count: running.length }),
        type: 'submenu',
        enabled: connected,
        submenu: containerItems,
      },
      { id: 'run', label: t('tray.runImage'), type: 'submenu', enabled: connected, submenu: imageItems },
      ...pullItems,
      ...diskItems,
      separator('separator:sections'),
      {
        id: 'installation',
        label: t('tray.checkInstallation'),
        action: { kind: 'open-section', section: 'installation', param: null },
      },
      {
        id: 'onboarding',
        label: t('tray.guide'),
        action: { kind: 'open-section', section: 'onboarding', param: null },
      },
      lessonsItem(state.lessons, t),
      {
        id: 'settings',
        label: t('tray.settings'),
        action: { kind: 'open-section', section: 'settings', param: null },
      },
      separator('separator:quit'),
      { id: 'quit', label: t('tray.quit'), action: { kind: 'quit' } },
    ],
  };
}
