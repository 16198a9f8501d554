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
  /**
   * Unified diff against the version that was active when this one was stored (the newest stored
   * one when none was active; "" for the first).
   */
  diff: string;
  /** The version number `diff` was taken against; null for the first version. */
  diffBase: number | null;
}

export interface PolicyActivation {
  name: string;
  versionId: string;
  actor: string;
  at: string;
  comment: string | null;
  /**
   * A removal (DELETE /v1/policy-sets/{name}): from here on no version of `name` is active, so the
   * document is not served. `versionId` is the version that was active when it was removed.
   */
  removed?: boolean;
}

export type NewPolicyVersion = Omit<PolicyVersion, 'version' | 'diffBase'> & { diffBase?: number | null };

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
  /** Every activation (and removal) of `name`, oldest first. */
  activations(name: string): Promise<PolicyActivation[]>;
  /** The version the latest activation of `name` points at, or null (never activated, or removed). */
  active(name: string): Promise<{ version: PolicyVersion; activation: PolicyActivation } | null>;
}

export const POLICY_VERSION_STORE = 'POLICY_VERSION_STORE';
