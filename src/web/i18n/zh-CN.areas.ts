/**
 * 各业务模块的界面文字。登录页用不到它们：登录后随布局一起加载（i18n/index.tsx 的 loadAreaTexts），
 * 不进入首屏包。
 */
import { deskZhCN } from './desk.zh-CN.ts';
import { feesZhCN } from './fees.zh-CN.ts';
import { roundsZhCN } from './rounds.zh-CN.ts';
import { renoZhCN } from './reno.zh-CN.ts';
import { fieldZhCN } from './field.zh-CN.ts';
import { relationsZhCN } from './relations.zh-CN.ts';
import { noticesZhCN } from './notices.zh-CN.ts';
import { mailZhCN } from './mail.zh-CN.ts';
import { managementZhCN } from './management.zh-CN.ts';

export const zhAreas = {
  ...deskZhCN,
  ...feesZhCN,
  ...roundsZhCN,
  ...renoZhCN,
  ...fieldZhCN,
  ...relationsZhCN,
  ...noticesZhCN,
  ...mailZhCN,
  ...managementZhCN,
};
