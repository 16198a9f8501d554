import { firedPolicies, maxScore, policiesNeedingReview, scoredPolicies } from './review-rules';

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

describe('firedPolicies / scoredPolicies (from a stored evidence document)', () => {
  const evidence = JSON.stringify({
    reasons: [],
    policies: [
      { policy_id: 'weapons', action: 'allow', score: 0.1 },
      { policy_id: 'offensive-gestures', action: 'flag', score: 0.7 },
      { policy_id: 'gore', action: 'block', score: 0.9 },
    ],
    shadow: [{ policy_id: 'blades-trial', action: 'block', score: 0.95 }],
  });
  it('fired: action not allow; shadow policies never fire', () => {
    expect(firedPolicies(evidence)).toEqual(['offensive-gestures', 'gore']);
  });
  it('scored: every enforced policy, fired or not (not the shadow ones)', () => {
    expect(scoredPolicies(evidence)).toEqual(['weapons', 'offensive-gestures', 'gore']);
  });
});
