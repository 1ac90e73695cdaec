/**
 * UI language: Chinese by default, English behind a switch. The choice is kept in localStorage,
 * sent to the server as Accept-Language (its messages come back localized) and applied to antd
 * and dayjs.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, use, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS, type Role } from '../../core/roles.ts';
import { type Lang, setApiLang } from '../api/client.ts';
import type { Locale } from 'antd/es/locale';
import zhAntd from 'antd/locale/zh_CN';
import { type MessageKey, zhCore } from './zh-CN.ts';

export type { Lang, MessageKey };
export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;
type Labels = Record<string, { zh: string; en: string }>;

const STORAGE_KEY = 'wd.lang';
// English (its texts and antd's) is fetched when chosen: a Chinese user's first load does not carry it.
// The modules' Chinese texts (zh-CN.areas.ts) join after sign-in: the login page does not carry them.
const zhAll: Partial<Record<MessageKey, string>> = { ...zhCore };
const DICTS: Partial<Record<Lang, Partial<Record<MessageKey, string>>>> = { 'zh-CN': zhAll };
let areaTexts: Promise<void> | null = null;
let areaTextsLoaded = false;

/** The modules' Chinese texts; staff pages, the portal, prints and the field app wait for them (AreaTexts). */
export function loadAreaTexts(): Promise<void> {
  areaTexts ??= import('./zh-CN.areas.ts').then(({ zhAreas }) => {
    Object.assign(zhAll, zhAreas);
    areaTextsLoaded = true;
  });
  return areaTexts;
}

/** Renders its children once the modules' texts are in (suspends until then; pair with <Suspense>). */
export function AreaTexts({ children }: { children: ReactNode }) {
  if (!areaTextsLoaded) use(loadAreaTexts());
  return children;
}
const ANTD: Partial<Record<Lang, Locale>> = { 'zh-CN': zhAntd };

/** Loads a language's texts before it is shown (main.tsx awaits the saved one before the first render). */
export async function loadLang(lang: Lang): Promise<void> {
  if (DICTS[lang]) return;
  const [{ enUS }, antd] = await Promise.all([import('./en-US.ts'), import('antd/locale/en_US')]);
  DICTS['en-US'] = enUS;
  ANTD['en-US'] = antd.default;
}

/** antd's own texts (pagination, pickers, empty states) in the language; Chinese until English has loaded. */
export function antdLocale(lang: Lang): Locale {
  return ANTD[lang] ?? zhAntd;
}

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN';
}

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(DICTS[lang]?.[key] ?? zhAll[key] ?? key, params);
}

function applyLang(lang: Lang) {
  setApiLang(lang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
  document.title = `${translate(lang, 'app.name')} · Wuye Desk`;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: T;
  /** Display name of a code from one of core/labels.ts tables (falls back to the code). */
  label: (labels: Labels, code: string | null | undefined) => string;
  roleLabel: (role: Role) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, onChange }: { children: ReactNode; onChange?: (lang: Lang) => void }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback(
    (next: Lang) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        /* ignore */
      }
      void loadLang(next).then(() => {
        applyLang(next);
        setLangState(next);
        onChange?.(next);
      });
    },
    [onChange],
  );
  const value = useMemo<I18n>(() => {
    const side = lang === 'zh-CN' ? 'zh' : 'en';
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      label: (labels, code) => (code ? (labels[code]?.[side] ?? code) : ''),
      roleLabel: (role) => ROLE_LABELS[role]?.[side] ?? role,
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): T {
  return useI18n().t;
}
