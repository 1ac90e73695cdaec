import { TranslationOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useI18n } from '../i18n/index.tsx';

/** 中文 / English switch; the choice is remembered in this browser. */
export function LangSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <span className="wd-lang-switch" title={t('common.language')}>
      <TranslationOutlined className="wd-lang-icon" aria-hidden />
      <Segmented
        size={size}
        value={lang}
        onChange={(v) => setLang(v as 'zh-CN' | 'en-US')}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'EN', value: 'en-US' },
        ]}
        data-testid="lang-switch"
      />
    </span>
  );
}
