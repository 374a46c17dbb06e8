import type { BuildStep } from '../../shared/builds';
import type { DockerfileInstruction } from '../../shared/dockerfile';

/**
 * Reads the builder's POST /build stream into steps. Two builders speak it:
 * - Docker's classic builder: "Step 3/6 : RUN make", " ---> Using cache", " ---> Running in <id>",
 *   " ---> <image id>", "Successfully built <id>", "Successfully tagged <name>";
 * - Podman's Buildah: "STEP 3/6: RUN make" ("[2/3] STEP 1/4: …" in a multi-stage file, counted
 *   per stage), "--> Using cache <id>", "--> <id>", "COMMIT <name>", "Successfully tagged <name>".
 * Both send {"aux":{"ID":"sha256:…"}} with the image and {"error", "errorDetail"} when they stop.
 * The steps are known from the Dockerfile before the builder reaches them; each header the builder
 * prints is matched to the next planned step with its instruction.
 */

/** One line of the build stream, as far as Berth reads it. */
export interface BuildMessage {
  stream?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

/** A step's output keeps its newest lines, this many. */
export const MAX_STEP_OUTPUT_LINES = 200;
/** A line longer than this is cut (a progress bar drawn without newlines). */
const MAX_LINE_CHARS = 2000;
const MAX_NOTES = 50;

/** The Dockerfile instructions that become steps, in the order the builder runs them. */
export function plannedSteps(instructions: readonly DockerfileInstruction[], lastStage: number): BuildStep[] {
  return (
    instructions
      // ARGs before the first FROM are steps of the classic builder (Buildah does not count them).
      .filter((instruction) => instruction.stage <= lastStage)
      .map((instruction, position) => ({
        ...waitingStep(oneLine(instruction.text)),
        index: position + 1,
        line: instruction.line,
        endLine: instruction.endLine,
      }))
  );
}

/** An instruction's text as the builders print it: continuations joined, runs of blanks as one. */
export function oneLine(text: string): string {
  return text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const classicStep = /^Step (\d+)\/(\d+) : (.*)$/;
const buildahStep = /^(?:\[(\d+)\/(\d+)\] )?STEP (\d+)\/(\d+): (.*)$/;
const usingCache = /^(?: ---> |--> )Using cache(?: ([0-9a-f]+))?$/;
const runningIn = /^ ---> Running in ([0-9a-f]+)$/;
const stepImage = /^(?: ---> |--> )([0-9a-f]{6,64})$/;
const removedContainer = /^(?: ---> )?Remov(?:ed|ing) intermediate container/;
const successfullyBuilt = /^Successfully built ([0-9a-f]+)$/;
const successfullyTagged = /^Successfully tagged (.+)$/;
const commitLine = /^(?:\[\d+\/\d+\] )?COMMIT\b/;
const bareImageId = /^[0-9a-f]{64}$/;

export interface BuildStreamError {
  message: string;
  code: number | null;
}

/**
 * The builder's stream, step by step. Mutable on purpose: the manager takes a snapshot of it
 * (steps, notes, tags) whenever it sends an update.
 */
export class BuildStreamReader {
  readonly steps: BuildStep[];
  readonly notes: string[] = [];
  readonly tags: string[] = [];
  imageId: string | null = null;
  /** The id the builder said it built ("Successfully built <id>", Buildah's last line): short, or bare hex. */
  builtId: string | null = null;
  error: BuildStreamError | null = null;
  /** The container the running step runs in (" ---> Running in <id>"); null between steps. */
  runningContainer: string | null = null;
  /** The step running now (an index into steps), -1 before the first. */
  private current = -1;
  private cached = false;
  private pending = '';
  private readonly now: () => number;

  constructor(steps: BuildStep[], now: () => number) {
    this.steps = steps;
    this.now = now;
  }

  get currentStep(): BuildStep | null {
    return this.steps[this.current] ?? null;
  }

  /** One message of the stream; false when it changed nothing Berth shows. */
  push(value: unknown): boolean {
    if (value === null || typeof value !== 'object') return false;
    const message = value as BuildMessage;
    let changed = false;
    if (typeof message.stream === 'string') {
      this.pending += message.stream;
      const lines = this.pending.split('\n');
      this.pending = lines.pop() ?? '';
      for (const line of lines) changed = this.line(line) || changed;
    }
    if (message.aux && typeof message.aux.ID === 'string') {
      this.imageId = message.aux.ID;
      changed = true;
    }
    const errorMessage = message.errorDetail?.message ?? message.error;
    if (typeof errorMessage === 'string') {
      this.flush();
      const code = message.errorDetail?.code;
      this.error = { message: errorMessage.trim(), code: typeof code === 'number' ? code : null };
      const step = this.currentStep;
      if (step && (step.state === 'running' || step.state === 'waiting')) this.endStep('failed');
      changed = true;
    }
    return changed;
  }

  /** The stream ended: a last line without its newline still counts. */
  end(): boolean {
    return this.flush();
  }

  /** The build is over: the step still running is done (Buildah prints no id for a step it does not commit). */
  finishRunning(state: 'ran' | 'failed'): void {
    const step = this.currentStep;
    if (step && step.state === 'running') this.endStep(this.cached ? 'cached' : state);
  }

  private flush(): boolean {
    if (!this.pending) return false;
    const line = this.pending;
    this.pending = '';
    return this.line(line);
  }

  private line(raw: string): boolean {
    // A progress bar redraws its line with \r: the last drawing is what it says.
    const line = (
      raw
        .split('\r')
        .filter((part) => part.trim() !== '')
        .pop() ?? ''
    ).trimEnd();
    if (!line.trim()) return false;
    const classic = classicStep.exec(line);
    if (classic) return this.startStep(classic[3]!);
    const buildah = buildahStep.exec(line);
    if (buildah) return this.startStep(buildah[5]!);
    const step = this.currentStep;
    const open = step !== null && step.state === 'running';
    const cache = usingCache.exec(line);
    if (cache && open) {
      this.cached = true;
      if (cache[1]) this.setStep({ imageId: cache[1] });
      return true;
    }
    const container = runningIn.exec(line);
    if (container && open) {
      this.runningContainer = container[1]!;
      return false;
    }
    const image = stepImage.exec(line);
    if (image) {
      // An image line while no step runs (after a failure, say) changes nothing.
      if (open) {
        this.setStep({ imageId: image[1]! });
        this.endStep(this.cached ? 'cached' : 'ran');
      }
      return open;
    }
    if (removedContainer.test(line)) {
      this.runningContainer = null;
      return false;
    }
    const tagged = successfullyTagged.exec(line);
    if (tagged) {
      this.tags.push(tagged[1]!);
      return true;
    }
    // Buildah commits the last step's image after "COMMIT <name>": its "--> <id>" still ends the step.
    if (commitLine.test(line)) return false;
    const built = successfullyBuilt.exec(line) ?? bareImageId.exec(line);
    if (built) {
      this.finishRunning('ran');
      this.builtId = built[1] ?? built[0];
      return true;
    }
    if (open) {
      this.appendOutput(line);
      return true;
    }
    if (this.notes.length >= MAX_NOTES) this.notes.shift();
    this.notes.push(clip(line));
    return true;
  }

  private startStep(instruction: string): boolean {
    this.finishRunning('ran');
    const from = this.current + 1;
    const match = this.matchPlanned(instruction, from);
    if (match === null) {
      // Not in the file as Berth read it: shown as the builder printed it, without a line.
      this.steps.splice(from, 0, waitingStep(instruction));
    } else if (match > from) {
      // A stage the builder skips (not needed for the target): its steps never come.
      this.steps.splice(from, match - from);
    }
    this.steps.forEach((step, position) => {
      if (step.index !== position + 1) this.steps[position] = { ...step, index: position + 1 };
    });
    this.current = from;
    this.cached = false;
    this.runningContainer = null;
    this.setStep({ state: 'running', startedAt: this.now(), instruction: instruction.trim() });
    return true;
  }

  /**
   * The planned step, from `from` on, that the header names: the same text, or else the next one with
   * the same instruction word (Buildah prints FROM ${BASE} with the argument put in). Steps passed
   * over are ones the builder does not count: a stage Buildah skips, an ARG before FROM.
   */
  private matchPlanned(instruction: string, from: number): number | null {
    const said = comparable(instruction);
    const keyword = said.split(' ')[0];
    let sameKeyword: number | null = null;
    for (let position = from; position < this.steps.length; position += 1) {
      const planned = comparable(this.steps[position]!.instruction);
      if (planned === said) return position;
      if (sameKeyword === null && planned.split(' ')[0] === keyword) sameKeyword = position;
    }
    return sameKeyword;
  }

  private endStep(ended: 'cached' | 'ran' | 'failed'): void {
    const step = this.currentStep;
    if (!step) return;
    // FROM runs nothing: it took the base from the local image cache, unless it had to pull (its output
    // says so). An ARG before the first FROM only declares a name: the builder makes no image for it.
    const keyword = keywordOf(step.instruction);
    const declares = keyword === 'FROM' || (keyword === 'ARG' && step.imageId === null);
    const state = ended === 'ran' && declares && step.output.length === 0 ? 'cached' : ended;
    const durationMs = step.startedAt === null ? null : Math.max(0, this.now() - step.startedAt);
    this.setStep({ state, durationMs });
    this.runningContainer = null;
  }

  private appendOutput(line: string): void {
    const step = this.currentStep;
    if (!step) return;
    const output = [...step.output, clip(line)];
    const truncated = output.length > MAX_STEP_OUTPUT_LINES;
    this.setStep({
      output: truncated ? output.slice(-MAX_STEP_OUTPUT_LINES) : output,
      outputTruncated: step.outputTruncated || truncated,
    });
  }

  /** Steps are replaced, never changed in place: a job already sent keeps its steps. */
  private setStep(patch: Partial<BuildStep>): void {
    const step = this.currentStep;
    if (step) this.steps[this.current] = { ...step, ...patch };
  }
}

/** A step not reached yet, not matched to a line. */
export function waitingStep(instruction: string): BuildStep {
  return {
    index: 1,
    instruction: instruction.trim(),
    line: null,
    endLine: null,
    state: 'waiting',
    startedAt: null,
    durationMs: null,
    output: [],
    outputTruncated: false,
    imageId: null,
    layerBytes: null,
    rerunReason: null,
  };
}

/** Whether two printings of an instruction say the same (case of the word, blanks and quotes aside). */
export function sameInstruction(a: string, b: string): boolean {
  return comparable(a) === comparable(b);
}

/** The instruction's word in upper case: RUN, COPY... */
export function keywordOf(instruction: string): string {
  return instruction.trim().split(/\s+/)[0]!.toUpperCase();
}

/** The instruction word in upper case and the rest without blanks or quotes: how two printings of one line compare. */
function comparable(instruction: string): string {
  const text = oneLine(instruction);
  const space = text.indexOf(' ');
  const keyword = (space < 0 ? text : text.slice(0, space)).toUpperCase();
  const rest = space < 0 ? '' : text.slice(space + 1).replace(/["'\s]/g, '');
  return `${keyword} ${rest}`;
}

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
}
