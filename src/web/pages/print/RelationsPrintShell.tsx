import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { useT } from '../../i18n/index.tsx';

/** The toolbar (back, language, print; not printed) over one or more A4 pages. */
export function RelationsPrintShell({ back, children }: { back: string; children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>{t('rel.print.back')}</Button>
        <Flex gap={12} align="center">
          <LangSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">{t('print.print')}</Button>
        </Flex>
      </Flex>
      <div className="wd-a4-pages">{children}</div>
    </div>
  );
}
