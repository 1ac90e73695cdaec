/**
 * UI language: Chinese by default, English behind a switch. The choice is kept in localStorage,
 * sent to the server as Accept-Language (its messages come back localized) and applied to antd
 * and dayjs.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS, type Role } from '../../core/roles.ts';
import { type Lang, setApiLang } from '../api/client.ts';
import type { Locale } from 'antd/es/locale';
import zhAntd from 'antd/locale/zh_CN';
import { AREA_TEXTS, type Area } from './areas.ts';
import { type MessageKey, zhCore } from './zh-CN.ts';

export type { Area, Lang, MessageKey };
export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;
type Labels = Record<string, { zh: string; en: string }>;

const STORAGE_KEY = 'wd.lang';
// English (its core texts and antd's) is fetched when chosen: a Chinese user's first load does not carry it.
// The modules' texts load per area with the pages that use them (areas.ts, app/routes.tsx's page()).
const DICTS: Record<Lang, Partial<Record<MessageKey, string>>> = { 'zh-CN': { ...zhCore }, 'en-US': {} };
const ANTD: Partial<Record<Lang, Locale>> = { 'zh-CN': zhAntd };
/** Parts ('core' or an area) per language: in, or on their way. */
const ready = new Set<string>(['zh-CN:core']);
const loading = new Map<string, Promise<void>>();
/** The areas asked for so far: switching language fetches them in the new one before showing it. */
const wanted = new Set<Area>();
let current: Lang = initialLang();

function loadPart(lang: Lang, part: 'core' | Area): Promise<void> {
  const id = `${lang}:${part}`;
  if (ready.has(id)) return Promise.resolve();
  let p = loading.get(id);
  if (!p) {
    const fetched: Promise<Readonly<Record<string, string>>> =
      part !== 'core'
        ? AREA_TEXTS[part][lang]()
        : Promise.all([import('./en-US.ts'), import('antd/locale/en_US')]).then(([{ enUS }, antd]) => {
            ANTD['en-US'] = antd.default;
            return enUS;
          });
    p = fetched.then(
      (dict) => {
        Object.assign(DICTS[lang], dict);
        ready.add(id);
      },
      (e: unknown) => {
        loading.delete(id); // a failed fetch is tried again next time
        throw e;
      },
    );
    loading.set(id, p);
  }
  return p;
}

const areaPromises = new Map<string, Promise<void>>();
/** Fetches these areas' texts in the language (the current one by default); one promise per set, for use(). */
export function loadAreas(areas: readonly Area[], lang: Lang = current): Promise<void> {
  for (const a of areas) wanted.add(a);
  const id = `${lang}:${areas.join(',')}`;
  let p = areaPromises.get(id);
  if (!p) {
    p = Promise.all(areas.map((a) => loadPart(lang, a))).then(() => undefined);
    p.catch(() => areaPromises.delete(id));
    areaPromises.set(id, p);
  }
  return p;
}

/** Loads a language's core texts and every area asked for so far (main.tsx awaits the saved one before the first render). */
export async function loadLang(lang: Lang): Promise<void> {
  await Promise.all([loadPart(lang, 'core'), ...[...wanted].map((a) => loadPart(lang, a))]);
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
  return format(DICTS[lang][key] ?? DICTS['zh-CN'][key] ?? key, params);
}

function applyLang(lang: Lang) {
  current = lang;
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
