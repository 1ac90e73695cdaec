/** Report periods: 本周 / 上周 / 本月 / 上月 (weeks start on Monday), as YYYY-MM-DD pairs. */
import dayjs, { type Dayjs } from 'dayjs';

export const PRESETS = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

const F = 'YYYY-MM-DD';
const monday = (d: Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');

export function presetRange(preset: Exclude<Preset, 'custom'>, now: number): [string, string] {
  const d = dayjs(now);
  switch (preset) {
    case 'thisWeek':
      return [monday(d).format(F), monday(d).add(6, 'day').format(F)];
    case 'lastWeek':
      return [monday(d).subtract(7, 'day').format(F), monday(d).subtract(1, 'day').format(F)];
    case 'thisMonth':
      return [d.startOf('month').format(F), d.endOf('month').format(F)];
    case 'lastMonth': {
      const m = d.subtract(1, 'month');
      return [m.startOf('month').format(F), m.endOf('month').format(F)];
    }
  }
}
