/** Delay before re-check number `attempt` (0-based): 1 s, 2 s, 4 s, 8 s, then 10 s for ever. */
export function backoffDelay(attempt: number, initialMs = 1000, maxMs = 10_000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}
