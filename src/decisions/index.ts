export * from './decision.types';
export { cosine, mostSevere, actionFor, actionRank, softmaxShare } from './scoring';
export { decide, reasonFor } from './decide';
export { aggregateFrames } from './frames';
export type { FramePolicyResult, FramesDecisionResult } from './frames';
export * from './metrics';
export * from './calibration';
export { withBankMatches, bankReason } from './bank-matches';
export type { BankMatch, BankSignal, WithBanks } from './bank-matches';
