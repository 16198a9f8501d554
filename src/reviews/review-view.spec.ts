import { median, summariseDecisions } from './review-view';

describe('review statistics', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('overturn rate per policy counts final verdicts only; time to decision ignores escalations', () => {
    const s = summariseDecisions([
      { moderator: 'ann', verdict: 'uphold', policies: '["weapons"]', opened_at: 0, decided_at: 10_000 },
      { moderator: 'ann', verdict: 'overturn', policies: '["weapons","alcohol"]', opened_at: 0, decided_at: 20_000 },
      { moderator: 'bob', verdict: 'overturn', policies: '["weapons"]', opened_at: 0, decided_at: 30_000 },
      { moderator: 'bob', verdict: 'escalate', policies: '["alcohol"]', opened_at: 0, decided_at: 1_000_000 },
    ]);
    expect(s.decisions).toBe(4);
    expect(s.median_time_to_decision_s).toBe(20);
    expect(s.per_policy.weapons).toEqual({ uphold: 1, overturn: 2, escalate: 0, overturn_rate: 2 / 3 });
    expect(s.per_policy.alcohol).toEqual({ uphold: 0, overturn: 1, escalate: 1, overturn_rate: 1 });
    expect(s.per_moderator).toEqual({ ann: { total: 2, uphold: 1, overturn: 1 }, bob: { total: 2, overturn: 1, escalate: 1 } });
  });
});
