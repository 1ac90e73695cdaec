/**
 * The field app's texts, loaded with its pages rather than spread into zh-CN.ts/en-US.ts: the app
 * entry (login budget 250 KB gz) does not carry them.
 */
import { format, type Params, useI18n } from '../../i18n/index.tsx';
import { fieldAppEnUS } from '../../i18n/fieldapp.en-US.ts';
import { fieldAppZhCN } from '../../i18n/fieldapp.zh-CN.ts';

export type FieldKey = keyof typeof fieldAppZhCN;
export type FT = (key: FieldKey, params?: Params) => string;

export function useFT(): FT {
  const { lang } = useI18n();
  const dict: Record<FieldKey, string> = lang === 'en-US' ? fieldAppEnUS : fieldAppZhCN;
  return (key, params) => format(dict[key] ?? key, params);
}
