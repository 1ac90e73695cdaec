import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useT } from '../../i18n/index.tsx';
import { Figure, usePack } from '../management/PackPage.tsx';
import { useBi } from '../management/shared.tsx';
import { FormShell } from './kit/FormShell.tsx';
import { FormSheet } from './kit/FormSheet.tsx';
import { Signatures } from './kit/Signatures.tsx';

/** 主任月报 on one A4 page of the kit, printed from the browser (the server also prints it to PDF). */
export default function PackPrint() {
  const t = useT();
  const bi = useBi();
  const { estateId, estate } = useSession();
  const [params] = useSearchParams();
  const month = params.get('month') ?? '';
  const pack = usePack(estateId, month);
  const p = pack.data;
  return (
    <FormShell loading={pack.isPending} error={pack.error} back={`/management/pack?month=${month}`}>
      {p && (
        <FormSheet
          form="pack"
          estate={estate?.name}
          record={{ key: `${estateId}@${month}`, no: month }}
          meta={[
            <>
              {t('pack.ytd')}
              {t('print.colon')}
              {p.ytdFrom} ~ {p.to}
            </>,
          ]}
        >
          <table className="wd-print-table wd-print-grid wd-pack-print">
            <colgroup>
              <col style={{ width: '10%' }} />
              <col style={{ width: '26%' }} />
              <col style={{ width: '16%' }} />
              <col style={{ width: '16%' }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th>{t('pack.manual')}</th>
                <th>{t('pack.target')}</th>
                <th>{t('pack.month')}</th>
                <th>{t('pack.ytd')}</th>
                <th>{t('pack.formula')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.code} data-status={r.month.status}>
                  <td>{r.manual}</td>
                  <td>{bi(r.label)}</td>
                  <td>
                    <Figure f={r.month} unit={r.unit} />
                  </td>
                  <td>
                    <Figure f={r.ytd} unit={r.unit} />
                  </td>
                  <td style={{ fontSize: '8pt' }}>{r.formula ? bi(r.formula) : t('pack.noSourceNote')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p style={{ fontSize: '9pt' }}>
            {t('pack.special')}
            {t('print.colon')}
            {t('pack.specialLine', { total: p.special.total })}
          </p>
          <Signatures roles={[t('pack.signAssistant'), t('pack.signDirector')]} />
        </FormSheet>
      )}
    </FormShell>
  );
}
