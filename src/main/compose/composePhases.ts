import type { ComposeServicePhase } from '../../shared/compose';

/** service → what compose is doing to it now. */
export type ComposePhases = Readonly<Record<string, ComposeServicePhase>>;

/** Words compose prints as it begins something (v1 "Creating x ...", v2 "Container x  Creating"). */
const beginning: Record<string, ComposeServicePhase> = {
  Pulling: 'pulling',
  Building: 'building',
  Creating: 'creating',
  Recreating: 'creating',
  Recreate: 'creating',
  Starting: 'starting',
  Restarting: 'starting',
  Stopping: 'stopping',
  Killing: 'stopping',
  Removing: 'removing',
};

/** Words of v2 that say a thing is over (Created, Started...; Error; Waiting hands over to the engine's state). */
const ending = new Set([
  'Pulled',
  'Built',
  'Created',
  'Recreated',
  'Started',
  'Restarted',
  'Stopped',
  'Killed',
  'Removed',
  'Running',
  'Healthy',
  'Exited',
  'Waiting',
  'Error',
  'Skipped',
]);

/**
 * The service a container name belongs to: compose names containers <project>_<service>_<n> (v1)
 * or <project>-<service>-<n> (v2). A name of another form (container_name:) is kept as it is.
 */
export function serviceOfContainer(name: string, projectName: string): string {
  for (const separator of ['_', '-']) {
    const prefix = `${projectName}${separator}`;
    const suffix = new RegExp(`${separator === '-' ? '-' : '_'}\\d+$`);
    if (name.startsWith(prefix) && suffix.test(name)) return name.slice(prefix.length).replace(suffix, '');
  }
  return name;
}

// v1: "Creating berthrec_box_1 ... ", "Creating berthrec_box_1   ... done", "Pulling box   ... pulling from…"
const v1Progress = /^(\w+) (\S+)\s+\.\.\.\s*(.*)$/;
// v1 before a pull or build on up: "Pulling bad (127.0.0.1:5000/nope/nope:)...", "Building web"
const v1Pull = /^Pulling (\S+) \(.*\)\.\.\.$/;
const v1Build = /^Building (\S+)$/;
// v2: "Container x-web-1  Creating", " ✔ Container x-web-1  Started", " Network x_default  Created"
const v2Object = /^(?:[✔✘⠿⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏!]\s+)?(Container|Service|Network|Volume)\s+"?([^\s"]+)"?\s+(\w+)/;
// v2 pulls and builds by service: " redis Pulling", " ✔ redis Pulled", " web Building"
const v2Service = /^(?:[✔✘⠿⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏!]\s+)?([a-zA-Z0-9._-]+)\s+(Pulling|Pulled|Building|Built|Error|Skipped)\b/;
// BuildKit's plain progress in v2: "#5 [web 1/2] FROM docker.io/library/busybox"
const v2BuildStep = /^#\d+ \[([a-zA-Z0-9._-]+) (?:internal|\d+\/\d+)\]/;
/** A layer id in v2's pull progress ("4f4fb700ef54 Pulling fs layer"): not a service. */
const layerId = /^[0-9a-f]{12}$/;

function set(phases: ComposePhases, service: string, phase: ComposeServicePhase | null): ComposePhases {
  if (phase === null) {
    if (!(service in phases)) return phases;
    const next = { ...phases };
    delete next[service];
    return next;
  }
  return phases[service] === phase ? phases : { ...phases, [service]: phase };
}

/**
 * What one line of compose's output (v1 or v2, plain text) changes in the services' phases; the
 * same object when nothing. Lines of other kinds (a build's steps, the registry's words) change nothing.
 */
export function applyComposeLine(phases: ComposePhases, rawLine: string, projectName: string): ComposePhases {
  const line = rawLine.trim();
  if (line === '') return phases;

  const pull = v1Pull.exec(line);
  if (pull) return set(phases, pull[1]!, 'pulling');
  const build = v1Build.exec(line);
  if (build) return set(phases, build[1]!, 'building');

  const progress = v1Progress.exec(line);
  if (progress) {
    const phase = beginning[progress[1]!];
    if (!phase) return phases;
    const service = serviceOfContainer(progress[2]!, projectName);
    const rest = progress[3]!.trim();
    // "... done", "... error", "... failed": over; anything else ("pulling from…") goes on.
    return set(phases, service, /^(done|error|failed)$/.test(rest) ? null : phase);
  }

  const object = v2Object.exec(line);
  if (object) {
    if (object[1] !== 'Container' && object[1] !== 'Service') return phases;
    const service = object[1] === 'Container' ? serviceOfContainer(object[2]!, projectName) : object[2]!;
    const word = object[3]!;
    if (ending.has(word)) return set(phases, service, null);
    const phase = beginning[word];
    return phase ? set(phases, service, phase) : phases;
  }

  const byService = v2Service.exec(line);
  if (byService && !layerId.test(byService[1]!)) {
    const word = byService[2]!;
    return set(phases, byService[1]!, ending.has(word) ? null : beginning[word]!);
  }

  const step = v2BuildStep.exec(line);
  if (step) return set(phases, step[1]!, 'building');
  return phases;
}
