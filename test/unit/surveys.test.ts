import { describe, expect, it } from 'vitest';
import { answerProblems, IllegalSurveyTransition, mismatchRate, pickSample, type Question, returnRate, satisfaction, surveyTransition, verificationSampleSize } from '../../src/core/surveys.ts';

const qs: Question[] = [
  { id: 1, type: 'rating5', required: true, options: [], dimension: '客服', countsForSatisfaction: true },
  { id: 2, type: 'rating5', required: false, options: [], dimension: '维修', countsForSatisfaction: true },
  { id: 3, type: 'single', required: true, options: [{ id: 10, label: 'A' }, { id: 11, label: 'B' }], dimension: null, countsForSatisfaction: false },
  { id: 4, type: 'multi', required: false, options: [{ id: 20, label: 'x' }, { id: 21, label: 'y' }], dimension: null, countsForSatisfaction: false },
  { id: 5, type: 'yes_no', required: false, options: [], dimension: null, countsForSatisfaction: false },
  { id: 6, type: 'text', required: false, options: [], dimension: null, countsForSatisfaction: false },
  { id: 7, type: 'number', required: false, options: [], dimension: null, countsForSatisfaction: false },
];

describe('survey states', () => {
  it('goes draft → published → closed → archived and nowhere else', () => {
    expect(surveyTransition('publish', 'draft')).toBe('published');
    expect(surveyTransition('close', 'published')).toBe('closed');
    expect(surveyTransition('archive', 'closed')).toBe('archived');
    expect(() => surveyTransition('publish', 'published')).toThrow(IllegalSurveyTransition);
    expect(() => surveyTransition('close', 'draft')).toThrow(IllegalSurveyTransition);
    expect(() => surveyTransition('archive', 'published')).toThrow(IllegalSurveyTransition);
  });
});

describe('answers', () => {
  it('accepts proper answers of every type', () => {
    expect(answerProblems(qs, { 1: 5, 2: 3, 3: 10, 4: [20, 21], 5: true, 6: '很好', 7: 3 })).toEqual({});
  });
  it('names each bad answer', () => {
    expect(answerProblems(qs, { 2: 6, 3: 12, 4: [20, 20], 5: 'yes', 7: 'x', 99: 1 })).toEqual({
      'answers.1': 'field.required',
      'answers.2': 'field.surveyAnswer',
      'answers.3': 'field.surveyAnswer',
      'answers.4': 'field.surveyAnswer',
      'answers.5': 'field.surveyAnswer',
      'answers.7': 'field.surveyAnswer',
      'answers.99': 'field.surveyUnknownQuestion',
    });
  });
});

describe('formulas', () => {
  it('return rate keeps unreachable in the denominator and counts invalid forms as returned', () => {
    expect(returnRate({ pending: 2, issued: 3, responded: 6, invalid: 1, unreachable: 0 })).toEqual({ slots: 12, issued: 10, returned: 7, valid: 6, returnRate: 70, validReturnRate: 60 });
    expect(returnRate({ pending: 2, issued: 3, responded: 6, invalid: 1, unreachable: 2 }).returnRate).toBe(58.3);
    expect(returnRate({}).returnRate).toBeNull();
  });
  it('satisfaction = 4 or 5 over answered, per dimension, with the 100/80/60/40/0 index', () => {
    const r = satisfaction(qs, [{ 1: 5, 2: 2 }, { 1: 4 }, { 1: 3, 2: 5 }, { 1: 1 }]);
    expect(r.overall).toEqual({ answered: 6, satisfied: 3, rate: 50, index: 63.3 });
    expect(r.byDimension).toEqual([
      { dimension: '客服', answered: 4, satisfied: 2, rate: 50, index: 60 },
      { dimension: '维修', answered: 2, satisfied: 1, rate: 50, index: 70 },
    ]);
  });
  it('samples 10 % of staff-entered responses, at least 5', () => {
    expect(verificationSampleSize(3)).toBe(3);
    expect(verificationSampleSize(20)).toBe(5);
    expect(verificationSampleSize(120)).toBe(12);
    expect(pickSample(Array.from({ length: 20 }, (_, i) => i))).toEqual([0, 4, 8, 12, 16]);
    expect(mismatchRate(['confirmed', 'confirmed', 'mismatch', 'unreachable'])).toBe(33.3);
  });
});
