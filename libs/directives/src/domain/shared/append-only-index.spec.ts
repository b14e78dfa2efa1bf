import { describe, expect, it } from '@jest/globals';
import { AppendOnlyIndex } from './append-only-index.js';

type Report = { readonly unitId: string; readonly cards: number };
const rg1: Report = { unitId: 'rach-gia', cards: 150_000 };
const rg2: Report = { unitId: 'rach-gia', cards: 200_000 };
const pq1: Report = { unitId: 'phu-quoc', cards: 30_000 };
const kh1: Report = { unitId: 'kien-hai', cards: 4_000 };

const contents = <V>(index: AppendOnlyIndex<V>) => [...index.values()];

describe('An append-only index', () => {
  it('starts empty', () => {
    const empty = AppendOnlyIndex.empty<Report>();
    expect(empty.size).toBe(0);
    expect(empty.get('rg-01')).toBeUndefined();
    expect(empty.has('rg-01')).toBe(false);
    expect(contents(empty)).toEqual([]);
  });

  it('returns a new index holding the added entry, in the order entries were added', () => {
    const index = AppendOnlyIndex.empty<Report>().add('rg-01', rg1).add('pq-01', pq1).add('rg-02', rg2);
    expect(index.size).toBe(3);
    expect(index.get('pq-01')).toBe(pq1);
    expect(index.has('rg-02')).toBe(true);
    expect(contents(index)).toEqual([rg1, pq1, rg2]);
  });

  it('holds falsy values as present', () => {
    const index = AppendOnlyIndex.empty<number>().add('zero', 0);
    expect(index.has('zero')).toBe(true);
    expect(index.get('zero')).toBe(0);
  });

  it('refuses a key it already holds', () => {
    const index = AppendOnlyIndex.empty<Report>().add('rg-01', rg1);
    expect(() => index.add('rg-01', rg2)).toThrow('AppendOnlyIndex: duplicate key rg-01');
  });

  it('leaves an older index blind to later additions', () => {
    const empty = AppendOnlyIndex.empty<Report>();
    const one = empty.add('rg-01', rg1);
    const two = one.add('pq-01', pq1);
    expect(two.has('pq-01')).toBe(true);
    expect(one.size).toBe(1);
    expect(one.has('pq-01')).toBe(false);
    expect(one.get('pq-01')).toBeUndefined();
    expect(contents(one)).toEqual([rg1]);
    expect(empty.has('rg-01')).toBe(false);
    expect(contents(empty)).toEqual([]);
  });

  it('lets two branches extended from the same index diverge without seeing each other', () => {
    const base = AppendOnlyIndex.empty<Report>().add('rg-01', rg1);
    const left = base.add('pq-01', pq1);
    const right = base.add('kh-01', kh1);
    expect(contents(left)).toEqual([rg1, pq1]);
    expect(contents(right)).toEqual([rg1, kh1]);
    expect(left.has('kh-01')).toBe(false);
    expect(right.has('pq-01')).toBe(false);
    expect(contents(base)).toEqual([rg1]);
  });

  it('keeps branches apart as each grows, even when they add the same key', () => {
    const base = AppendOnlyIndex.empty<Report>().add('rg-01', rg1);
    const left = base.add('pq-01', pq1).add('rg-02', rg2);
    const right = base.add('rg-02', { ...rg2, cards: 199_000 }).add('pq-01', pq1);
    const third = base.add('kh-01', kh1);
    expect(left.get('rg-02')).toBe(rg2);
    expect(right.get('rg-02')).toEqual({ unitId: 'rach-gia', cards: 199_000 });
    expect(contents(left)).toEqual([rg1, pq1, rg2]);
    expect(contents(right)).toEqual([rg1, { ...rg2, cards: 199_000 }, pq1]);
    expect(contents(third)).toEqual([rg1, kh1]);
    expect(contents(base)).toEqual([rg1]);
  });

  it('gives its keys beside their values in the order added, each branch its own, so it can be rebuilt', () => {
    const base = AppendOnlyIndex.empty<Report>().add('rg-01', rg1);
    const left = base.add('pq-01', pq1);
    const right = base.add('kh-01', kh1).add('rg-02', rg2);
    expect([...left.entries()]).toEqual([['rg-01', rg1], ['pq-01', pq1]]);
    expect([...right.entries()]).toEqual([['rg-01', rg1], ['kh-01', kh1], ['rg-02', rg2]]);
    const rebuilt = [...right.entries()].reduce((index, [key, value]) => index.add(key, value), AppendOnlyIndex.empty<Report>());
    expect(contents(rebuilt)).toEqual(contents(right));
    expect(rebuilt.get('kh-01')).toBe(kh1);
  });

  it('lets a branch of a branch grow without touching its parent or siblings', () => {
    const base = AppendOnlyIndex.empty<Report>().add('rg-01', rg1);
    const left = base.add('pq-01', pq1);
    const leftAgain = left.add('kh-01', kh1);
    const leftOther = left.add('rg-02', rg2);
    expect(contents(leftAgain)).toEqual([rg1, pq1, kh1]);
    expect(contents(leftOther)).toEqual([rg1, pq1, rg2]);
    expect(contents(left)).toEqual([rg1, pq1]);
  });

  it('gives every branch from one kept index exactly its own entries after the shared ones, however many branch from it', () => {
    let kept = AppendOnlyIndex.empty<number>();
    for (let n = 0; n < 1000; n++) kept = kept.add(`r${n}`, n);
    const branches = Array.from({ length: 20 }, (_, b) => {
      let branch = kept;
      for (let n = 0; n <= b; n++) branch = branch.add(`b${b}-${n}`, 10_000 * b + n);
      return branch;
    });
    branches.forEach((branch, b) => {
      expect(branch.size).toBe(1000 + b + 1);
      expect([...branch.values()]).toEqual([...Array.from({ length: 1000 }, (_, n) => n), ...Array.from({ length: b + 1 }, (_, n) => 10_000 * b + n)]);
      expect(branch.get('r999')).toBe(999);
      expect(branch.has(`b${(b + 1) % 20}-0`)).toBe(false);
      // A key another branch added can be added here too, once.
      expect(branch.add(`b${(b + 1) % 20}-0`, -1).get(`b${(b + 1) % 20}-0`)).toBe(-1);
      expect(() => branch.add('r0', -1)).toThrow(/duplicate key r0/);
    });
    expect(kept.size).toBe(1000);
    expect(kept.has('b0-0')).toBe(false);
  });

  it('keeps branches of branches of branches exact, deeper than they share storage', () => {
    // Each level branches from an index that another branch has extended since: every add diverges.
    let index = AppendOnlyIndex.empty<string>().add('k0', 'v0');
    const expected = ['v0'];
    const siblings: AppendOnlyIndex<string>[] = [];
    for (let level = 1; level <= 30; level++) {
      siblings.push(index.add(`sibling${level}`, `s${level}`));
      index = index.add(`k${level}`, `v${level}`);
      expected.push(`v${level}`);
      expect([...index.values()]).toEqual(expected);
    }
    expect([...index.entries()].map(([key]) => key)).toEqual(expected.map((_, n) => `k${n}`));
    expect(index.has('sibling5')).toBe(false);
    siblings.forEach((sibling, i) => expect([...sibling.values()]).toEqual([...expected.slice(0, i + 1), `s${i + 1}`]));
  });
});
