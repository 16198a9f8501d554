import { compilePolicySet, CompileOptions, exampleRefIssues } from '../../src/policies/policy-compiler';
import { loadPolicySet } from '../../src/policies/policy-set';
import { CompiledPolicySet, PolicyEmbedder, PolicyIssue, PolicyValidationError } from '../../src/policies/policy.types';

export interface ValidationReport {
  valid: boolean;
  errors: PolicyIssue[];
  warnings: PolicyIssue[];
  /** The compiled set when valid (for :evaluate style endpoints), else null. */
  compiled: CompiledPolicySet | null;
}

/**
 * Test helper: validates one policy-set document (YAML or JSON, which YAML parses) exactly as the loader
 * would, including the embedding-based warnings. Embedder failures throw: they are not a
 * property of the document.
 */
export async function validatePolicyText(
  text: string,
  embedder: PolicyEmbedder,
  opts: CompileOptions & { fileName?: string } = {},
): Promise<ValidationReport> {
  const { set, issues, exampleRefs } = loadPolicySet([{ name: opts.fileName ?? 'input.yaml', text }]);
  const errors = [...issues.filter((i) => i.level === 'error'), ...(set ? [] : await exampleRefIssues(exampleRefs, opts.examples))];
  if (!set) return { valid: false, errors, warnings: issues.filter((i) => i.level === 'warning'), compiled: null };
  try {
    const compiled = await compilePolicySet(set, embedder, opts);
    return { valid: true, errors: [], warnings: compiled.warnings, compiled };
  } catch (e) {
    // Problems found while compiling (an example image that cannot be read) are document errors too.
    if (e instanceof PolicyValidationError) return { valid: false, errors: e.issues, warnings: set.warnings, compiled: null };
    throw e;
  }
}
