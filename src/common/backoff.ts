/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many
 * jobs (or deliveries) failing together spread out instead of arriving in waves.
 * attempt is 1 for the first retry.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, attempt - 1), 40));
  return Math.round(exp / 2 + random() * (exp / 2));
}
