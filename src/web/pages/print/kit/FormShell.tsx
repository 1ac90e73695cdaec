import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { LangSwitch } from '../../../components/LangSwitch.tsx';
import { ErrorResult, PageLoading } from '../../../components/Results.tsx';
import { useT } from '../../../i18n/index.tsx';
import './kit.css';

/**
 * The print view of every form: a toolbar that is not printed (back, language, the page's own
 * switches, print) above one or more A4 sheets (FormSheet), each printed on its own page. `back`
 * is where the back button goes unless the URL names one (?back=…, a path of this app only).
 */
export function FormShell({ loading, error, back, backLabel, tools, empty, children }: { loading: boolean; error: unknown; back: string; backLabel?: string; tools?: ReactNode; empty?: boolean; children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asked = params.get('back');
  const target = asked && asked.startsWith('/') && !asked.startsWith('//') ? asked : back;
  if (loading) return <PageLoading />;
  if (error) return <ErrorResult error={error} />;
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(target)} data-testid="print-back">
          {backLabel ?? t('kit.back')}
        </Button>
        <Flex gap={12} align="center">
          {tools}
          <LangSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={empty} data-testid="print-now">
            {t('print.print')}
          </Button>
        </Flex>
      </Flex>
      {empty ? (
        <article className="wd-a4" data-testid="print-sheet">
          <Empty description={t('kit.nothing')} style={{ marginTop: 80 }} />
        </article>
      ) : (
        <div className="wd-a4-pages" data-testid="print-pages">
          {children}
        </div>
      )}
    </div>
  );
}

/** Whether the URL asks for the blank paper version (?blank=1). */
export function useBlankParam() {
  const [params] = useSearchParams();
  return params.get('blank') === '1';
}
