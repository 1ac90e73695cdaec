import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';

const OPTIONS = [
  { label: '中文', value: 'zh-CN' },
  { label: 'EN', value: 'en-US' },
] as const;

/**
 * 中文 / English switch; the choice is remembered in this browser. Two plain buttons drawn like
 * antd's Segmented: it is on the login page, and Segmented with the tooltip it pulls in was
 * 9 KB of the first screen's JS.
 */
export function LangSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <span className="wd-lang-switch" title={t('common.language')}>
      <TranslationOutlined className="wd-lang-icon" aria-hidden />
      <span className={`wd-lang-seg wd-lang-seg-${size}`} role="group" aria-label={t('common.language')} data-testid="lang-switch">
        {OPTIONS.map((o) => (
          <button key={o.value} type="button" aria-pressed={lang === o.value} className={lang === o.value ? 'wd-lang-on' : undefined} onClick={() => setLang(o.value)}>
            {o.label}
          </button>
        ))}
      </span>
    </span>
  );
}
