/** Rounds response shapes, read from the server's zod schemas (type-only imports, erased at build). */
import type { z } from 'zod';
import type { checkpoint, finding, label, plan, quality, report, route, task, taskDetail, template } from '../../server/modules/field/rounds/rounds.schemas.ts';

export type Template = z.output<typeof template>;
export type TemplateItem = NonNullable<Template['items']>[number];
export type Checkpoint = z.output<typeof checkpoint>;
export type Label = z.output<typeof label>;
export type RoundRoute = z.output<typeof route>;
export type Plan = z.output<typeof plan>;
export type Task = z.output<typeof task>;
export type TaskDetail = z.output<typeof taskDetail>;
export type Finding = z.output<typeof finding>;
export type RoundsReport = z.output<typeof report>;
export type Quality = z.output<typeof quality>;
export interface RoundsStaff {
  id: number;
  displayName: string;
  role: string;
  areaIds: number[] | null;
}
