import { BerthError, type ErrorCode, type WireError } from '../../shared/errors';
import { connectionLoss, engineMessage, engineStatus } from '../engine/engineErrors';

/**
 * Turns what the engine says about a failed pull into a code the renderer can explain. The engine
 * reports a pull's failure in two places: as the HTTP error of POST /images/create (before the
 * first progress line) or as an {"error", "errorDetail"} line inside the 200 stream. Both carry the
 * registry's own words, which this reads. Pure: no engine needed, unit-tested with real strings.
 */

interface Rule {
  code: ErrorCode;
  pattern: RegExp;
  explain: string;
}

// Order matters: "pull access denied … repository does not exist" is Docker Hub's answer for a
// repository that does not exist, so it must win over the generic "denied" of a refused login. A
// registry's own "manifest unknown" / "name unknown" answer wins over a transport error in the same
// text: Podman reports the mirror's answer and then the failed fallback to Docker Hub in one message
// ("Mirrors also failed: [… manifest unknown …]: … dial tcp …"); the registry that answered has no
// such image, whatever the one that could not be reached would have said.
const rules: Rule[] = [
  {
    code: 'registry-rate-limited',
    pattern: /toomanyrequests|too many requests|rate limit/i,
    explain: 'The registry refused: too many pulls (rate limit).',
  },
  {
    code: 'image-not-found',
    pattern: /pull access denied|repository does not exist/i,
    explain: 'The registry has no such repository (or it is private).',
  },
  {
    code: 'image-not-found',
    pattern: /manifest unknown|name unknown|manifest for \S+ not found|no matching manifest|reference does not exist/i,
    explain: 'The registry has no such image or tag.',
  },
  {
    code: 'registry-unauthorized',
    pattern: /unauthorized|authentication required|incorrect username or password|no basic auth credentials|denied:/i,
    explain: 'The registry requires a login for this image.',
  },
  {
    code: 'network-unreachable',
    pattern:
      /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake timeout|network is unreachable|no route to host|connection reset by peer|Client\.Timeout exceeded|server misbehaving|temporary failure in name resolution|unexpected EOF|context deadline exceeded/i,
    explain: 'The engine cannot reach the registry.',
  },
  {
    code: 'image-not-found',
    pattern: /not found|no such image|does not exist/i,
    explain: 'The registry has no such image or tag.',
  },
];

/** What the engine said about a failed pull (its message text, and the HTTP status when there was one). */
export function classifyPullMessage(message: string, statusCode?: number): WireError {
  const text = message.trim() || 'The engine gave no reason.';
  for (const rule of rules) {
    if (rule.pattern.test(text)) return { code: rule.code, message: `${rule.explain} ${text}` };
  }
  switch (statusCode) {
    case 401:
    case 403:
      return { code: 'registry-unauthorized', message: `The registry requires a login for this image. ${text}` };
    case 404:
      return { code: 'image-not-found', message: `The registry has no such image or tag. ${text}` };
    case 429:
      return { code: 'registry-rate-limited', message: `The registry refused: too many pulls (rate limit). ${text}` };
  }
  return { code: 'engine-error', message: `The engine could not pull the image. ${text}` };
}

/**
 * A pull that failed with an exception rather than an engine message: the engine's HTTP error
 * (docker-modem sets statusCode), or the connection to the engine itself failing (Node's errno
 * codes). Registry texts such as "connection refused" are only read from the engine's words, never
 * from Node's own socket errors, which are about Berth's connection to the engine.
 */
export function classifyPullFailure(error: unknown): WireError {
  if (error instanceof BerthError) return error.toWire();
  const status = engineStatus(error);
  if (status !== undefined) return classifyPullMessage(engineMessage(error), status);
  const lost = connectionLoss(error);
  if (lost?.kind === 'closed') {
    return {
      code: 'engine-stopped',
      message: `The connection to the engine closed in the middle of the pull (${lost.code}).`,
    };
  }
  if (lost?.kind === 'unreachable') {
    return { code: 'engine-not-running', message: `The engine does not answer (${lost.code}).` };
  }
  return { code: 'engine-error', message: `The pull failed: ${engineMessage(error)}` };
}

/** The stream ended (or broke) before the engine's final "Status: …" line. */
export function engineStoppedError(detail?: string): WireError {
  return {
    code: 'engine-stopped',
    message: `The engine stopped answering before the pull finished${detail ? ` (${detail})` : ''}.`,
  };
}
