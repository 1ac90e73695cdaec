import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ActivityDetail, Registration } from '../../api/notices-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { BlankRows, FormShell, FormSheet, Signatures } from '../print/kit/index.ts';

const WALK_IN_ROWS = 8;
const PAPER_ROWS = 14;

/** The activity's sign-in sheet: confirmed registrants in order, then blank rows for walk-ins. */
export default function SignInPrint() {
  const t = useT();
  const id = Number(useParams().id);
  const { estateName } = useSession();
  const a = useQuery({ queryKey: ['activity', id], queryFn: () => api<ActivityDetail>(`/api/v1/activities/${id}`) });
  const regs = useQuery({ queryKey: ['activity-regs', id], queryFn: () => api<ListResponse<Registration>>(`/api/v1/activities/${id}/registrations`) });
  const rows = (regs.data?.items ?? []).filter((r) => ['registered', 'attended', 'no_show', 'walk_in'].includes(r.status));
  const x = a.data;
  return (
    <FormShell loading={a.isPending || regs.isPending} error={a.error ?? regs.error} back={`/relations/activities/${id}`}>
      {x && (
        <FormSheet
          form="activity-signin"
          estate={estateName(x.estateId)}
          title={`${x.title} · ${t('act.signInSheet')}`}
          record={{ key: String(x.id), no: x.number }}
          meta={[[`${formatDateTime(x.startsAt).slice(0, 16)} — ${formatDateTime(x.endsAt).slice(11, 16)}`, x.facilityName ?? x.venue].filter(Boolean).join(' · ')]}
        >
          <SignInTable>
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
            {Array.from({ length: WALK_IN_ROWS }, (_, i) => (
              <tr key={`b${i}`} className="wd-form-blank-row" style={{ height: '9mm' }}>
                <td>{rows.length + i + 1}</td>
                <td />
                <td />
                <td />
                <td />
                <td />
              </tr>
            ))}
          </SignInTable>
          <Signatures roles={[{ role: t('act.signInBy'), name: null }]} />
        </FormSheet>
      )}
    </FormShell>
  );
}

/** The paper sign-in sheet for an activity not (yet) in the system: title, time and place by hand. */
export function SignInBlank() {
  const t = useT();
  const { estate } = useSession();
  const line = <span className="wd-print-line wd-form-fill" style={{ width: '40mm' }} />;
  return (
    <FormShell loading={false} error={null} back="/forms">
      <FormSheet form="activity-signin" estate={estate?.name} blank meta={[<>{t('act.activity')}{t('print.colon')}{line}</>, <>{t('act.timePlace')}{t('print.colon')}{line}</>]}>
        <SignInTable>
          <BlankRows count={PAPER_ROWS} columns={6} />
        </SignInTable>
        <Signatures roles={[{ role: t('act.signInBy'), name: null }]} />
      </FormSheet>
    </FormShell>
  );
}

function SignInTable({ children }: { children: React.ReactNode }) {
  const t = useT();
  return (
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
      <tbody>{children}</tbody>
    </table>
  );
}
