export * from './decision.types';
export { cosine, mostSevere, actionFor, actionRank, softmaxShare } from './scoring';
export { decide, reasonFor } from './decide';
export { aggregateFrames } from './frames';
export type { FramePolicyResult, FramesDecisionResult } from './frames';
export * from './metrics';
export * from './calibration';
