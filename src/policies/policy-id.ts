/** What a policy id in a request (a `policies` option, a search filter) may look like: policies/schema.json's ids fit it. */
export const POLICY_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
