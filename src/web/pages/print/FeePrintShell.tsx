import type { CSSProperties, ReactNode } from 'react';
import { rmbCapitals } from '../../components/fees/rmb.ts';
import { useT } from '../../i18n/index.tsx';
import { useBlank } from './kit/FormSheet.tsx';
import { FormShell } from './kit/FormShell.tsx';

/** The fee forms' print view: the kit's FormShell with the fee pages' back label. */
export function FeePrintShell(props: { loading: boolean; error: unknown; back: string; tools?: ReactNode; empty?: boolean; children: ReactNode }) {
  const t = useT();
  return <FormShell {...props} backLabel={t('fees.print.back')} />;
}

/** 人民币（大写）: the amount in Chinese capitals, with whatever stands to its right (figures, a check); a line on the blank form. */
export function CapitalsLine({ fen, testId, children, style }: { fen: number; testId?: string; children?: ReactNode; style?: CSSProperties }) {
  const t = useT();
  const blank = useBlank();
  return (
    <div className="wd-print-capitals" style={style}>
      <span>
        {t('fees.receipt.capitals')}
        {t('print.colon')}
        {blank ? <span className="wd-print-line wd-form-fill" style={{ width: '90mm' }} /> : <b data-testid={testId}>{rmbCapitals(fen)}</b>}
      </span>
      {blank ? null : children}
    </div>
  );
}
