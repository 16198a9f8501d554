import { BankMatch, withBankMatches } from './bank-matches';

const m = (over: Partial<BankMatch>): BankMatch => ({ bankId: 'b1', bankName: 'known', action: 'block', mode: 'enforce', entryId: 1, signal: 'pdq', labels: [], distance: 10, threshold: 31, quality: 100, ...over });

describe('withBankMatches', () => {
  it.each([
    ['allow', [], 'allow'],
    ['allow', [m({ action: 'flag' })], 'flag'],
    ['blur', [m({ action: 'flag' })], 'blur'],
    ['flag', [m({ action: 'block' })], 'block'],
    ['allow', [m({ action: 'block', mode: 'shadow' })], 'allow'],
    ['flag', [m({ action: 'blur' }), m({ bankId: 'b2', bankName: 'other', action: 'block', mode: 'shadow' })], 'blur'],
  ] as const)('policies %s + %j -> %s', (decision, matches, expected) => {
    expect(withBankMatches(decision, [], matches).decision).toBe(expected);
  });

  it('reports each bank once by its best match (exact before PDQ before embedding, then the closest), shadow banks apart', () => {
    const r = withBankMatches('flag', ['policy reason'], [
      m({ entryId: 5, distance: 20 }),
      m({ entryId: 6, distance: 3 }),
      m({ entryId: 7, signal: 'embedding', distance: undefined, similarity: 0.99, threshold: 0.9 }),
      m({ bankId: 'b2', bankName: 'watch', action: 'flag', mode: 'shadow', entryId: 9, signal: 'sha256', distance: undefined }),
    ]);
    expect(r.banks.map((b) => b.entryId)).toEqual([6]);
    expect(r.shadowBanks.map((b) => b.entryId)).toEqual([9]);
    expect(r.reasons).toEqual([
      'bank known: pdq distance 3 <= 31, quality 100 (entry 6) -> block',
      'policy reason',
      'bank watch: sha256 identical (entry 9) -> flag [shadow]',
    ]);
    expect(withBankMatches('allow', [], [m({ signal: 'sha256', entryId: 8 }), m({ entryId: 2, distance: 0 })]).banks[0].entryId).toBe(8);
  });

  it('names the embedding and dihedral evidence', () => {
    const e = withBankMatches('allow', [], [m({ signal: 'embedding', distance: undefined, similarity: 0.97123, threshold: 0.93, labels: ['spam', 'scam'] })]);
    expect(e.reasons).toEqual(['bank known: embedding cosine 0.9712 >= 0.93 (entry 1, labels spam;scam) -> block']);
    const d = withBankMatches('allow', [], [m({ signal: 'pdq-dihedral', transform: 'flipY', distance: 12 })]);
    expect(d.reasons[0]).toBe('bank known: pdq-dihedral (flipY) distance 12 <= 31, quality 100 (entry 1) -> block');
  });
});
