import { maxScore, policiesNeedingReview } from './review-rules';

describe('policiesNeedingReview', () => {
  const acted = [
    { policy_id: 'weapons', action: 'block' as const, score: 0.9 },
    { policy_id: 'alcohol', action: 'flag' as const, score: 0.4 },
    { policy_id: 'drugs', action: 'blur' as const, score: 0.6 },
    { policy_id: 'pets', action: 'allow' as const, score: 0.1 },
  ];
  it.each([
    [['flag', 'blur'], {}, ['alcohol', 'drugs']],
    [['flag'], {}, ['alcohol']],
    [['flag', 'blur'], { weapons: ['block'] }, ['weapons', 'alcohol', 'drugs']],
    [['flag', 'blur'], { alcohol: [] }, ['drugs']],
    [[], { drugs: ['blur'] }, ['drugs']],
    [['allow', 'flag', 'blur', 'block'], {}, ['weapons', 'alcohol', 'drugs']],
  ])('defaults %j, per-policy %j -> %j', (defaults, perPolicy, expected) => {
    expect(policiesNeedingReview(acted, defaults as never, perPolicy as never).map((p) => p.policy_id)).toEqual(expected);
  });

  it('max score of nothing is 0', () => {
    expect(maxScore([])).toBe(0);
    expect(maxScore(acted)).toBe(0.9);
  });
});
