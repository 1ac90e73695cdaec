import { describe, expect, it } from 'vitest';
import {
  annualScore,
  checkKpiSet,
  DEFAULT_CS_ADMIN,
  DEFAULT_DEPT_STAFF,
  finalScore,
  gradeOf,
  type KpiDef,
  kpiScore,
  nextStatus,
  scoreSheet,
} from '../../src/core/performance.ts';

/** A small seeded generator (mulberry32): random cases that are the same on every run. */
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

/** n weights, positive integers, summing to 100. */
function weights(r: () => number, n: number): number[] {
  const cuts = new Set<number>();
  while (cuts.size < n - 1) cuts.add(1 + Math.floor(r() * 99));
  const s = [0, ...[...cuts].sort((a, b) => a - b), 100];
  return s.slice(1).map((x, i) => x - s[i]!);
}

function randomSet(r: () => number): KpiDef[] {
  const n = 1 + Math.floor(r() * 8);
  return weights(r, n).map((w, i) => {
    const higher = r() < 0.6;
    const a = Math.round(r() * 1000) / 1000;
    const b = a + 0.01 + Math.round(r() * 1000) / 1000;
    return { code: `k${i}`, metric: `m${i}`, group: (['quality', 'satisfaction', 'efficiency'] as const)[i % 3]!, weight: w, direction: higher ? 'higher' : 'lower', floor: higher ? a : b, target: higher ? b : a };
  });
}

describe('kpiScore', () => {
  it('is 0 at the floor, 100 at the target, linear between, clamped outside — both directions', () => {
    expect(kpiScore(0.8, 0.8, 1)).toBe(0);
    expect(kpiScore(1, 0.8, 1)).toBe(100);
    expect(kpiScore(0.9, 0.8, 1)).toBeCloseTo(50);
    expect(kpiScore(0.5, 0.8, 1)).toBe(0);
    expect(kpiScore(1.2, 0.8, 1)).toBe(100);
    // lower is better: 2 complaints per 100 households scores 0, none scores 100
    expect(kpiScore(2, 2, 0)).toBe(0);
    expect(kpiScore(0, 2, 0)).toBe(100);
    expect(kpiScore(1.5, 2, 0)).toBeCloseTo(25);
    expect(kpiScore(5, 2, 0)).toBe(0);
    expect(() => kpiScore(1, 1, 1)).toThrow();
  });

  it('property: always within 0–100 and monotone in the direction of the target', () => {
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const floor = r() * 10 - 5;
      const target = floor + (r() < 0.5 ? -1 : 1) * (0.001 + r() * 5);
      const x = r() * 20 - 10;
      const y = x + r() * 3;
      const sx = kpiScore(x, floor, target);
      const sy = kpiScore(y, floor, target);
      expect(sx).toBeGreaterThanOrEqual(0);
      expect(sx).toBeLessThanOrEqual(100);
      if (target > floor) expect(sy).toBeGreaterThanOrEqual(sx - 1e-9);
      else expect(sy).toBeLessThanOrEqual(sx + 1e-9);
    }
  });
});

describe('checkKpiSet', () => {
  it('accepts the default sets and refuses weights ≠ 100, floor = target, a target on the wrong side, duplicates', () => {
    expect(checkKpiSet(DEFAULT_CS_ADMIN)).toEqual({});
    expect(checkKpiSet(DEFAULT_DEPT_STAFF)).toEqual({});
    expect(checkKpiSet([])).toEqual({ items: 'perf.error.emptySet' });
    const one = (d: Partial<KpiDef>): KpiDef => ({ code: 'a', metric: 'm', group: 'quality', weight: 100, direction: 'higher', floor: 0.8, target: 1, ...d });
    expect(checkKpiSet([one({ weight: 90 })]).items).toBe('perf.error.weights');
    expect(checkKpiSet([one({ target: 0.8 })])['items.0.target']).toBe('perf.error.floorTarget');
    expect(checkKpiSet([one({ target: 0.5 })])['items.0.target']).toBe('perf.error.direction');
    expect(checkKpiSet([one({ direction: 'lower', floor: 2, target: 3 })])['items.0.target']).toBe('perf.error.direction');
    expect(checkKpiSet([one({ weight: 50 }), one({ weight: 50 })])['items.1.code']).toBe('perf.error.duplicate');
  });

  it('property: random sets with weights summing to 100 pass', () => {
    const r = rng(11);
    for (let i = 0; i < 300; i++) expect(checkKpiSet(randomSet(r))).toEqual({});
  });
});

describe('scoreSheet', () => {
  it('drops a KPI without data and gives its weight to the others in proportion', () => {
    const defs: KpiDef[] = [
      { code: 'a', metric: 'm', group: 'quality', weight: 50, direction: 'higher', floor: 0, target: 1 },
      { code: 'b', metric: 'm', group: 'efficiency', weight: 30, direction: 'higher', floor: 0, target: 1 },
      { code: 'c', metric: 'm', group: 'satisfaction', weight: 20, direction: 'lower', floor: 2, target: 0 },
    ];
    const s = scoreSheet(defs, { a: { numerator: 9, denominator: 10, value: 0.9 }, b: { numerator: 0, denominator: 0, value: null }, c: { numerator: 1, denominator: 100, value: 1 } });
    expect(s.droppedWeight).toBe(30);
    expect(s.lines[1]).toMatchObject({ dropped: true, effectiveWeight: 0, score: null });
    expect(s.lines[0]!.effectiveWeight).toBeCloseTo((50 * 100) / 70);
    expect(s.lines[2]!.effectiveWeight).toBeCloseTo((20 * 100) / 70);
    expect(s.score).toBeCloseTo((50 * 90 + 20 * 50) / 70);
    expect(s.byGroup.efficiency).toBeNull();
    expect(s.byGroup.quality).toBeCloseTo(90);
  });

  it('is null when no KPI has data', () => {
    expect(scoreSheet(DEFAULT_DEPT_STAFF, {}).score).toBeNull();
  });

  it('property: effective weights sum to 100, score within 0–100 and between the lowest and highest KPI score', () => {
    const r = rng(23);
    for (let i = 0; i < 1000; i++) {
      const defs = randomSet(r);
      const actuals = Object.fromEntries(defs.map((d) => [d.code, r() < 0.25 ? { numerator: 0, denominator: 0, value: null } : { numerator: 1, denominator: 1, value: r() * 3 - 1 }]));
      const s = scoreSheet(defs, actuals);
      const kept = s.lines.filter((l) => !l.dropped);
      if (!kept.length) {
        expect(s.score).toBeNull();
        continue;
      }
      expect(kept.reduce((x, l) => x + l.effectiveWeight, 0)).toBeCloseTo(100, 6);
      expect(s.score!).toBeGreaterThanOrEqual(Math.min(...kept.map((l) => l.score!)) - 1e-9);
      expect(s.score!).toBeLessThanOrEqual(Math.max(...kept.map((l) => l.score!)) + 1e-9);
      expect(s.droppedWeight + kept.reduce((x, l) => x + l.weight, 0)).toBe(100);
    }
  });

  it('property: improving one actual toward its target never lowers the sheet score', () => {
    const r = rng(31);
    for (let i = 0; i < 500; i++) {
      const defs = randomSet(r);
      const actuals = Object.fromEntries(defs.map((d) => [d.code, { numerator: 1, denominator: 1, value: r() * 3 - 1 }]));
      const before = scoreSheet(defs, actuals).score!;
      const d = defs[Math.floor(r() * defs.length)]!;
      const step = (d.target > d.floor ? 1 : -1) * r();
      const after = scoreSheet(defs, { ...actuals, [d.code]: { numerator: 1, denominator: 1, value: actuals[d.code]!.value + step } }).score!;
      expect(after).toBeGreaterThanOrEqual(before - 1e-9);
    }
  });
});

describe('grades, adjustment, annual', () => {
  it('grades at 90 / 80 / 70', () => {
    expect([gradeOf(100), gradeOf(90), gradeOf(89.99), gradeOf(80), gradeOf(70), gradeOf(69.9), gradeOf(0)]).toEqual(['A', 'A', 'B', 'B', 'C', 'D', 'D']);
  });
  it('adds at most ±10 and stays within 0–100', () => {
    expect(finalScore(85, 10)).toBe(95);
    expect(finalScore(95, 10)).toBe(100);
    expect(finalScore(5, -10)).toBe(0);
    expect(() => finalScore(50, 10.5)).toThrow();
    const r = rng(5);
    for (let i = 0; i < 500; i++) {
      const c = r() * 100;
      const a = r() * 20 - 10;
      const f = finalScore(c, a);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(100);
      expect(Math.abs(f - c)).toBeLessThanOrEqual(10 + 1e-9);
    }
  });
  it('annual = 70 % mean of months + 30 % review; null without months', () => {
    expect(annualScore([80, 90], 100)).toBeCloseTo(0.7 * 85 + 30);
    expect(annualScore([], 100)).toBeNull();
  });
});

describe('appraisal states', () => {
  it('walks draft → self_assessed → reviewed → confirmed → acknowledged, with appeal back to review', () => {
    expect(nextStatus('draft', 'self_assess', false)).toBe('self_assessed');
    expect(nextStatus('draft', 'review', false)).toBeNull();
    expect(nextStatus('draft', 'review', true)).toBe('reviewed');
    expect(nextStatus('self_assessed', 'review', false)).toBe('reviewed');
    expect(nextStatus('self_assessed', 'confirm', true)).toBeNull();
    expect(nextStatus('reviewed', 'confirm', false)).toBe('confirmed');
    expect(nextStatus('confirmed', 'appeal', false)).toBe('appealed');
    expect(nextStatus('appealed', 'review', false)).toBe('reviewed');
    expect(nextStatus('confirmed', 'acknowledge', false)).toBe('acknowledged');
    expect(nextStatus('acknowledged', 'appeal', false)).toBeNull();
    expect(nextStatus('acknowledged', 'self_assess', false)).toBeNull();
  });
});
