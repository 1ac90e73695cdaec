import { describe, expect, it } from 'vitest';
import { countRepeats, type DimensionCounts, metricsOf, MIN_RANKED_TICKETS, rankWeaknesses, verifyAction, weaknessScore } from '../../src/core/improvement.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const counts = (d: string, p: Partial<DimensionCounts> = {}): DimensionCounts => ({ dimension: d, tickets: 10, complaints: 0, visits: 0, badVisits: 0, scoreSum: 0, resolved: 10, reopened: 0, timelyMet: 10, timelyMeasured: 10, repeats: 0, findings: 0, survey: null, ...p });

function randomCounts(r: () => number, d: string): DimensionCounts {
  const tickets = Math.floor(r() * 40);
  const visits = Math.floor(r() * (tickets + 1));
  const bad = Math.floor(r() * (visits + 1));
  const resolved = Math.floor(r() * (tickets + 1));
  const measured = Math.floor(r() * (tickets + 1));
  return {
    dimension: d,
    tickets,
    complaints: Math.floor(r() * (tickets + 1)),
    visits,
    badVisits: bad,
    scoreSum: bad + (visits - bad) * 5 - Math.floor(r() * (visits - bad + 1)) * 2 + bad,
    resolved,
    reopened: Math.floor(r() * (resolved + 1)),
    timelyMet: Math.floor(r() * (measured + 1)),
    timelyMeasured: measured,
    repeats: Math.floor(r() * (tickets + 1)),
    findings: 0,
    survey: null,
  };
}

describe('weaknessScore', () => {
  it('is the design formula with every component shown', () => {
    const m = metricsOf(counts('给排水', { complaints: 4, visits: 10, badVisits: 2, scoreSum: 35, timelyMet: 8, repeats: 1 }), 200);
    const { total, components } = weaknessScore(m, 4);
    expect(components.score).toBeCloseTo((30 * (5 - 3.5)) / 4);
    expect(components.badVisits).toBeCloseTo(25 * 0.2);
    expect(components.complaints).toBeCloseTo(20 * (2 / 4));
    expect(components.timeliness).toBeCloseTo(15 * 0.2);
    expect(components.repeats).toBeCloseTo(10 * 0.1);
    expect(total).toBeCloseTo(11.25 + 5 + 10 + 3 + 1);
  });

  it('property: within 0–100 for any counts, and worse visits never make a dimension look stronger', () => {
    const r = rng(3);
    for (let i = 0; i < 2000; i++) {
      const c = randomCounts(r, 'x');
      const m = metricsOf(c, 1 + Math.floor(r() * 500));
      const max = Math.max(m.complaintsPer100 ?? 0, r() * 10);
      const w = weaknessScore(m, max).total;
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThanOrEqual(100 + 1e-9);
      if (c.visits > c.badVisits) {
        const worse = weaknessScore(metricsOf({ ...c, badVisits: c.badVisits + 1, scoreSum: c.scoreSum - 1 }, 100), max).total;
        expect(worse).toBeGreaterThanOrEqual(weaknessScore(metricsOf(c, 100), max).total - 1e-9);
      }
    }
  });
});

describe('rankWeaknesses', () => {
  it('ranks only dimensions with enough tickets, weakest first, with change, trend and "new in top 5"', () => {
    const rows = rankWeaknesses(
      [counts('电梯', { visits: 5, badVisits: 3, scoreSum: 11 }), counts('保洁', { visits: 5, scoreSum: 25 }), counts('宠物', { tickets: MIN_RANKED_TICKETS - 1, visits: 4, badVisits: 4, scoreSum: 4 })],
      100,
      [{ 保洁: 1, 给排水: 50 }, { 电梯: 3 }],
    );
    expect(rows.map((x) => [x.dimension, x.rank])).toEqual([
      ['电梯', 1],
      ['保洁', 2],
      ['宠物', null],
    ]);
    expect(rows[0]!.newInTop).toBe(true);
    expect(rows[1]!.newInTop).toBe(false);
    expect(rows[1]!.change).toBeCloseTo(rows[1]!.weakness - 1);
    expect(rows[0]!.trend).toEqual([3, null, rows[0]!.weakness]);
    expect(rows[2]!.ranked).toBe(false);
  });

  it('property: ranks are 1..n without gaps over the ranked ones, in descending weakness', () => {
    const r = rng(9);
    for (let i = 0; i < 300; i++) {
      const cs = Array.from({ length: 1 + Math.floor(r() * 16) }, (_, k) => randomCounts(r, `d${k}`));
      const rows = rankWeaknesses(cs, 1 + Math.floor(r() * 300), []);
      const ranked = rows.filter((x) => x.rank != null);
      expect(ranked.map((x) => x.rank)).toEqual(ranked.map((_, k) => k + 1));
      for (let k = 1; k < ranked.length; k++) expect(ranked[k - 1]!.weakness).toBeGreaterThanOrEqual(ranked[k]!.weakness);
      expect(ranked.every((x) => x.tickets >= MIN_RANKED_TICKETS)).toBe(true);
    }
  });
});

describe('countRepeats', () => {
  it('counts the same unit and dimension again within 30 days', () => {
    const day = 86_400_000;
    const out = countRepeats([
      { unit: 1, dimension: '给排水', at: 0 },
      { unit: 1, dimension: '给排水', at: 10 * day },
      { unit: 1, dimension: '给排水', at: 45 * day },
      { unit: 1, dimension: '电梯', at: 11 * day },
      { unit: 2, dimension: '给排水', at: 12 * day },
      { unit: null, dimension: '给排水', at: 13 * day },
    ]);
    expect(out).toEqual({ 给排水: 1 });
  });
});

describe('verifyAction', () => {
  it('is effective when the target is met or the metric improved ≥ 20 % on the baseline', () => {
    expect(verifyAction(0.8, 0.95, 0.96, false)).toBe('effective');
    expect(verifyAction(0.5, 0.95, 0.61, false)).toBe('effective');
    expect(verifyAction(0.5, 0.95, 0.55, false)).toBe('not_effective');
    expect(verifyAction(40, 20, 31, true)).toBe('effective');
    expect(verifyAction(40, 20, 35, true)).toBe('not_effective');
    expect(verifyAction(40, 20, null, true)).toBeNull();
  });
});
