/**
 * The modules' texts, one lazy chunk per area and language. A route declares the areas its page
 * (and what the page imports) uses — `page([...], load)` in app/routes.tsx — and renders once they
 * are in; test/unit/web-text-areas.test.ts checks the declarations against the keys each page uses.
 * `shell` holds what the staff and portal layouts show (menu, notifications, the portal's links).
 */
import type { Lang } from '../api/client.ts';
import type { deskZhCN } from './desk.zh-CN.ts';
import type { feesZhCN } from './fees.zh-CN.ts';
import type { fieldZhCN } from './field.zh-CN.ts';
import type { mailZhCN } from './mail.zh-CN.ts';
import type { managementZhCN } from './management.zh-CN.ts';
import type { noticesZhCN } from './notices.zh-CN.ts';
import type { relationsZhCN } from './relations.zh-CN.ts';
import type { renoZhCN } from './reno.zh-CN.ts';
import type { roundsZhCN } from './rounds.zh-CN.ts';
import type { shellZhCN } from './shell.zh-CN.ts';

type Dict = Readonly<Record<string, string>>;
type Loaders = Record<Lang, () => Promise<Dict>>;

export const AREA_TEXTS = {
  shell: { 'zh-CN': () => import('./shell.zh-CN.ts').then((m) => m.shellZhCN), 'en-US': () => import('./shell.en-US.ts').then((m) => m.shellEnUS) },
  desk: { 'zh-CN': () => import('./desk.zh-CN.ts').then((m) => m.deskZhCN), 'en-US': () => import('./desk.en-US.ts').then((m) => m.deskEnUS) },
  fees: { 'zh-CN': () => import('./fees.zh-CN.ts').then((m) => m.feesZhCN), 'en-US': () => import('./fees.en-US.ts').then((m) => m.feesEnUS) },
  rounds: { 'zh-CN': () => import('./rounds.zh-CN.ts').then((m) => m.roundsZhCN), 'en-US': () => import('./rounds.en-US.ts').then((m) => m.roundsEnUS) },
  reno: { 'zh-CN': () => import('./reno.zh-CN.ts').then((m) => m.renoZhCN), 'en-US': () => import('./reno.en-US.ts').then((m) => m.renoEnUS) },
  field: { 'zh-CN': () => import('./field.zh-CN.ts').then((m) => m.fieldZhCN), 'en-US': () => import('./field.en-US.ts').then((m) => m.fieldEnUS) },
  relations: { 'zh-CN': () => import('./relations.zh-CN.ts').then((m) => m.relationsZhCN), 'en-US': () => import('./relations.en-US.ts').then((m) => m.relationsEnUS) },
  notices: { 'zh-CN': () => import('./notices.zh-CN.ts').then((m) => m.noticesZhCN), 'en-US': () => import('./notices.en-US.ts').then((m) => m.noticesEnUS) },
  mail: { 'zh-CN': () => import('./mail.zh-CN.ts').then((m) => m.mailZhCN), 'en-US': () => import('./mail.en-US.ts').then((m) => m.mailEnUS) },
  management: { 'zh-CN': () => import('./management.zh-CN.ts').then((m) => m.managementZhCN), 'en-US': () => import('./management.en-US.ts').then((m) => m.managementEnUS) },
} satisfies Record<string, Loaders>;

export type Area = keyof typeof AREA_TEXTS;

export type AreaMessageKey =
  | keyof typeof shellZhCN
  | keyof typeof deskZhCN
  | keyof typeof feesZhCN
  | keyof typeof roundsZhCN
  | keyof typeof renoZhCN
  | keyof typeof fieldZhCN
  | keyof typeof relationsZhCN
  | keyof typeof noticesZhCN
  | keyof typeof mailZhCN
  | keyof typeof managementZhCN;
