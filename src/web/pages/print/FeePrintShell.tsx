import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Flex } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { rmbCapitals } from '../../components/fees/rmb.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';

/**
 * The fee forms' print view: a toolbar that is not printed (back, language, extra switches,
 * print) above one or more A4 sheets, each printed on its own page. `back` is where the back
 * button goes unless the URL names one (?back=…).
 */
export function FeePrintShell({ loading, error, back, tools, empty, children }: { loading: boolean; error: unknown; back: string; tools?: ReactNode; empty?: boolean; children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const target = params.get('back') ?? back;
  if (loading) return <PageLoading />;
  if (error) return <ErrorResult error={error} />;
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(target.startsWith('/') ? target : back)} data-testid="print-back">
          {t('fees.print.back')}
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
          <Empty description={t('fees.print.nothing')} style={{ marginTop: 80 }} />
        </article>
      ) : (
        <div className="wd-a4-pages" data-testid="print-pages">
          {children}
        </div>
      )}
    </div>
  );
}

/** The heading of a fee form: estate, title, and a row of meta facts. */
export function SheetHead({ estate, title, meta }: { estate: ReactNode; title: ReactNode; meta?: ReactNode[] }) {
  return (
    <header className="wd-print-head">
      <div className="wd-print-estate">{estate}</div>
      <h1>{title}</h1>
      {meta && (
        <div className="wd-print-meta">
          {meta.map((m, i) => (
            <span key={i}>{m}</span>
          ))}
        </div>
      )}
    </header>
  );
}

/** 人民币（大写）: the amount in Chinese capitals, with whatever stands to its right (figures, a check). */
export function CapitalsLine({ fen, testId, children, style }: { fen: number; testId?: string; children?: ReactNode; style?: CSSProperties }) {
  const t = useT();
  return (
    <div className="wd-print-capitals" style={style}>
      <span>
        {t('fees.receipt.capitals')}
        {t('print.colon')}
        <b data-testid={testId}>{rmbCapitals(fen)}</b>
      </span>
      {children}
    </div>
  );
}
