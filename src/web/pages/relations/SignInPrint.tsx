import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ActivityDetail, Registration } from '../../api/notices-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { RelationsPrintShell } from './PrintShell.tsx';

const BLANK_ROWS = 8;

/** The activity's sign-in sheet: confirmed registrants in order, then blank rows for walk-ins. */
export default function SignInPrint() {
  const t = useT();
  const id = Number(useParams().id);
  const { estateName } = useSession();
  const a = useQuery({ queryKey: ['activity', id], queryFn: () => api<ActivityDetail>(`/api/v1/activities/${id}`) });
  const regs = useQuery({ queryKey: ['activity-regs', id], queryFn: () => api<ListResponse<Registration>>(`/api/v1/activities/${id}/registrations`) });
  if (a.isPending || regs.isPending) return <PageLoading />;
  if (a.error || regs.error) return <ErrorResult error={a.error ?? regs.error} />;
  const rows = regs.data.items.filter((r) => ['registered', 'attended', 'no_show', 'walk_in'].includes(r.status));
  return (
    <RelationsPrintShell back={`/relations/activities/${id}`}>
      <header className="wd-print-head">
        <div className="wd-print-estate">{estateName(a.data.estateId)}</div>
        <h1>
          {a.data.title} · {t('act.signInSheet')}
        </h1>
        <div className="wd-print-meta">
          <span className="wd-mono">{a.data.number}</span>
          <span>
            {formatDateTime(a.data.startsAt).slice(0, 16)} — {formatDateTime(a.data.endsAt).slice(11, 16)} · {a.data.facilityName ?? a.data.venue ?? ''}
          </span>
        </div>
      </header>
      <table className="wd-print-table wd-print-grid">
        <colgroup>
          <col style={{ width: '7%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '30%' }} />
          <col style={{ width: '10%' }} />
          <col style={{ width: '10%' }} />
          <col style={{ width: '28%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('act.unitId')}</th>
            <th>{t('act.names')}</th>
            <th>{t('act.adults')}</th>
            <th>{t('act.children')}</th>
            <th>{t('act.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} style={{ height: '9mm' }}>
              <td>{i + 1}</td>
              <td className="wd-mono">{r.unitLabel ?? '—'}</td>
              <td>{r.names}</td>
              <td>{r.adults}</td>
              <td>{r.children}</td>
              <td>{r.checkedInAt ? `✓ ${formatDateTime(r.checkedInAt).slice(11, 16)}` : ''}</td>
            </tr>
          ))}
          {Array.from({ length: BLANK_ROWS }, (_, i) => (
            <tr key={`b${i}`} style={{ height: '9mm' }}>
              <td>{rows.length + i + 1}</td>
              <td />
              <td />
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </RelationsPrintShell>
  );
}
