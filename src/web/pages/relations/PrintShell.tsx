import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { useT } from '../../i18n/index.tsx';

/** An A4 sheet with a toolbar that is not printed (back, language, print). */
export function RelationsPrintShell({ back, children }: { back: string; children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
          {t('print.back')}
        </Button>
        <Flex gap={12} align="center">
          <LangSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
            {t('print.print')}
          </Button>
        </Flex>
      </Flex>
      <article className="wd-a4" data-testid="print-sheet">
        {children}
      </article>
    </div>
  );
}
