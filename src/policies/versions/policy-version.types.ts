/** One immutable version of one policy-set document (a `name:`), as authored. */
export interface PolicyVersion {
  /** Unique id (uuid). */
  id: string;
  /** The document's `name`. */
  name: string;
  /** 1, 2, 3... per name, in the order versions were stored. */
  version: number;
  text: string;
  /** sha256 of the text, 12 hex digits. */
  sha: string;
  /** The file name the document is served as in the active set (e.g. "default.yaml"). */
  file: string;
  /** "api": PUT /v1/policy-sets/{name}; "file": imported from POLICIES_DIR. */
  source: 'api' | 'file';
  author: string;
  comment: string | null;
  createdAt: string;
  /** Unified diff against the previous version of the same name ("" for the first). */
  diff: string;
}

export interface PolicyActivation {
  name: string;
  versionId: string;
  actor: string;
  at: string;
  comment: string | null;
}

export type NewPolicyVersion = Omit<PolicyVersion, 'version'>;

/**
 * Runs inside the write's transaction (database store) or right after the append (file store),
 * with the transaction as `exec`: the audit entry of a change commits with the change.
 */
export type WithinTx = (exec: unknown, version: PolicyVersion) => Promise<void>;

/**
 * Durable, append-only history of policy-set documents and of which version is active. The
 * JSON-lines implementation is the default; a database table can implement the same interface.
 */
export interface PolicyVersionStore {
  appendVersion(v: NewPolicyVersion, within?: WithinTx): Promise<PolicyVersion>;
  appendActivation(a: PolicyActivation, within?: WithinTx): Promise<void>;
  /** Versions of one name, oldest first. */
  versions(name: string): Promise<PolicyVersion[]>;
  names(): Promise<string[]>;
  /** The version the latest activation of `name` points at, or null. */
  active(name: string): Promise<{ version: PolicyVersion; activation: PolicyActivation } | null>;
}

export const POLICY_VERSION_STORE = 'POLICY_VERSION_STORE';
