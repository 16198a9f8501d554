/** Epoch milliseconds as an ISO-8601 time (null stays null): how every answer writes times. */
export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
