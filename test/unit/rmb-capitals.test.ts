import { describe, expect, it } from 'vitest';
import { rmbCapitals } from '../../src/web/components/fees/rmb.ts';

describe('rmbCapitals (人民币大写)', () => {
  it.each([
    [0, '零元整'],
    [1, '壹分'],
    [10, '壹角整'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [1000, '壹拾元整'],
    [1050, '壹拾元伍角整'],
    [100005, '壹仟元零伍分'],
    [123450, '壹仟贰佰叁拾肆元伍角整'],
    [100100, '壹仟零壹元整'],
    [1001000, '壹万零壹拾元整'],
    [10000000, '壹拾万元整'],
    [10100000, '壹拾万壹仟元整'],
    [12345050, '壹拾贰万叁仟肆佰伍拾元伍角整'],
    [10000000100, '壹亿零壹元整'],
    [10000100000, '壹亿零壹仟元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [99999999999, '玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [-2500, '负贰拾伍元整'],
  ])('%i fen → %s', (fen, text) => {
    expect(rmbCapitals(fen)).toBe(text);
  });

  it('refuses what is not a whole number of fen', () => {
    expect(() => rmbCapitals(1.5)).toThrow(RangeError);
  });
});
