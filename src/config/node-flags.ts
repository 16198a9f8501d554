/**
 * V8 flags the service is meant to run with. `npm start` passes them (package.json), the benchmark
 * starts the service with the same (bench/service.ts), and main.ts names any that are missing.
 *
 * --max-semi-space-size=8: a young generation of at most 2 x 8 MiB instead of V8's 2 x 16 MiB. Each
 * upload arrives as 64 KiB chunks that Node's HTTP parser copies into fresh Buffers; their memory
 * counts against the old generation's allocation limit until a scavenge frees them, and with the
 * larger young generation scavenges came too seldom: at 4000x3000 saturation V8 started a full
 * mark-compact (10-30 ms on the HTTP thread) every ~0.5 s. A/B in README "Performance tuning".
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** The flags of SERVICE_NODE_FLAGS that this process was started without (command line or NODE_OPTIONS). */
export function missingNodeFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].map((f) => f.replace(/_/g, '-')));
  return SERVICE_NODE_FLAGS.filter((f) => !given.has(f));
}
