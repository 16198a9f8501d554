import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { decide } from '../../decisions/decide';
import { Action } from '../../decisions/decision.types';
import { aggregateFrames, FramePolicyResult, FramesDecisionResult } from '../../decisions/frames';
import { evaluatePolicySet, EvaluationReport } from '../evaluation/evaluate';
import { EmbeddedSample, LabelledSample } from '../evaluation/samples';
import { PolicyRegistry } from '../policy-registry.service';
import { CompiledPolicySet, PolicyIssue, PolicyValidationError } from '../policy.types';
import { candidateFiles, documentName, issueView } from './candidate';
import { PolicyImageScorer } from './policy-image-scorer';

export interface DraftOptions {
  /** Score the draft on its own instead of in place of its namesake in the active set. */
  standalone?: boolean;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function policyView(r: FramePolicyResult | undefined) {
  if (!r) return null;
  return {
    action: r.action,
    score: r6(r.score),
    ...(r.rawScore !== undefined ? { raw_score: r6(r.rawScore) } : {}),
    thresholds: r.thresholds,
    matched_prompt: r.matchedPrompt,
    ...(r.closestContrast !== undefined ? { closest_contrast: r.closestContrast, contrast_similarity: r6(r.contrastSimilarity!) } : {}),
    ...(r.exampleScore !== undefined ? { example_score: r6(r.exampleScore), matched_example: r.matchedExample } : {}),
    mode: r.mode,
  };
}

/** Drafts: validate, preview on one image, evaluate on labelled samples. Nothing here changes the live set. */
@Injectable()
export class PolicyLabService {
  constructor(
    private readonly registry: PolicyRegistry,
    private readonly scorer: PolicyImageScorer,
  ) {}

  /** The files the draft is judged in: alone, or replacing its namesake among the active documents. */
  private draftFiles(text: string, opts: DraftOptions) {
    const name = documentName(text);
    if (opts.standalone || name === null) return { files: [{ name: 'draft.yaml', text }], file: 'draft.yaml' };
    return candidateFiles(this.registry.currentFiles(), name, text);
  }

  async validate(text: string, opts: DraftOptions = {}) {
    const { files, file } = this.draftFiles(text, opts);
    try {
      const set = await this.registry.compile(files);
      return { valid: true, file, errors: [], warnings: set.warnings.map(issueView), policies: set.policies.map((p) => p.id) };
    } catch (e) {
      if (!(e instanceof PolicyValidationError)) throw e;
      const by = (l: PolicyIssue['level']) => e.issues.filter((i) => i.level === l).map(issueView);
      return { valid: false, file, errors: by('error'), warnings: by('warning'), policies: [] };
    }
  }

  /** Compiles a draft; invalid drafts become policy_invalid errors with positions. */
  async compileDraft(text: string, opts: DraftOptions = {}): Promise<CompiledPolicySet> {
    const { files } = this.draftFiles(text, opts);
    try {
      return await this.registry.compile(files);
    } catch (e) {
      if (e instanceof PolicyValidationError) {
        throw new AppError('policy_invalid', 'the draft policy set is invalid', { errors: e.issues.filter((i) => i.level === 'error').map(issueView) });
      }
      throw e;
    }
  }

  async preview(text: string, image: Buffer, opts: DraftOptions = {}) {
    const draft = await this.compileDraft(text, opts);
    const active = this.registry.current();
    const frames = await this.scorer.frames(image);
    const logitScale = this.scorer.logitScale;
    const run = (set: CompiledPolicySet): FramesDecisionResult => aggregateFrames(frames.map((f) => decide(f, set.policies, { logitScale })));
    const a = run(active);
    const d = run(draft);
    const all = (r: FramesDecisionResult) => [...r.policies, ...r.shadow];
    const ids = [...new Set([...all(a).map((p) => p.policyId), ...all(d).map((p) => p.policyId)])];
    const policies = ids.map((id) => {
      const pa = all(a).find((p) => p.policyId === id);
      const pd = all(d).find((p) => p.policyId === id);
      return { policy_id: id, active: policyView(pa), draft: policyView(pd), changed: (pa?.action ?? null) !== (pd?.action ?? null) };
    });
    const side = (set: CompiledPolicySet, r: FramesDecisionResult) => ({ policy_set: { name: set.name, version: set.version }, decision: r.decision as Action, reasons: r.reasons });
    return { model: { id: this.scorer.modelId }, frames_scored: frames.length, active: side(active, a), draft: side(draft, d), decision_changed: a.decision !== d.decision, policies };
  }

  /** Scores labelled samples under the draft (or the active set when `text` is null). */
  async evaluate(
    text: string | null,
    samples: LabelledSample[] | EmbeddedSample[],
    opts: DraftOptions & { targetPrecision?: number; targetRecall?: number; progress?: (done: number, total: number) => void } = {},
  ): Promise<EvaluationReport & { failed: { name: string; error: string }[] }> {
    const set = text === null ? this.registry.current() : await this.compileDraft(text, opts);
    let embedded: EmbeddedSample[];
    let failed: { name: string; error: string }[] = [];
    if (samples.length && 'frames' in samples[0]) embedded = samples as EmbeddedSample[];
    else ({ embedded, failed } = await this.scorer.embedSamples(samples as LabelledSample[], opts.progress));
    const report = evaluatePolicySet(set, embedded, { logitScale: this.scorer.logitScale, targetPrecision: opts.targetPrecision, targetRecall: opts.targetRecall });
    return { ...report, failed };
  }
}
