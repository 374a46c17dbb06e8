import type { WireError } from '../../shared/errors';
import { engineError, type EngineAnswer } from '../engine/engineErrors';

/** The engine's answers a beginner can act on: the renderer says what to do for each code. */
const runAnswers: readonly EngineAnswer[] = [
  { words: /port is already allocated|address already in use/i, code: 'port-in-use' },
  { status: 409, words: /name/i, code: 'name-in-use' },
  { status: 404, words: /image/i, code: 'image-not-found' },
];

/**
 * A failed step of a run as a wire error: the port or name conflicts and a missing image keep their
 * own codes so the renderer can say what to do; a lost connection is the engine stopping.
 */
export function toRunError(error: unknown, doing: string): WireError {
  return engineError(error, doing, runAnswers).toWire();
}
