import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ResidentNotice } from '../../api/notices-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { FormShell, FormSheet } from '../print/kit/index.ts';

/**
 * The bulletin-board copy (manual 3.9, 4.10.1) on the kit: estate head, number, date, seal box;
 * the kit's QR opens the online text in the owner portal. Nobody signs it, so no scan bar.
 */
export default function NoticeBoardPrint() {
  const t = useT();
  const id = Number(useParams().id);
  const { estateName } = useSession();
  const notice = useQuery({ queryKey: ['resident-notice', id], queryFn: () => api<ResidentNotice>(`/api/v1/notices/${id}`) });
  const n = notice.data;
  const estate = (n && estateName(n.estateId)) ?? '';
  const date = n ? formatDate(n.publishedAt ?? n.publishAt ?? n.createdAt) : '';
  return (
    <FormShell loading={notice.isPending} error={notice.error} back={`/relations/notices/${id}`}>
      {n && (
        <FormSheet
          form="notice-board"
          estate={estate}
          title={<span className="wd-rn-board-title">{n.title}</span>}
          scans={false}
          record={{ key: String(n.id), no: n.number ?? `#${n.id}` }}
          meta={[t(`rn.cat.${n.category}` as MessageKey), date, t('rn.board.qr')]}
        >
          <div className="wd-rn-board-body">{n.body}</div>
          <div className="wd-rn-board-foot">
            <div />
            <div className="wd-rn-board-sign">
              <div className="wd-rn-board-seal">{t('rn.board.seal')}</div>
              <div>{t('rn.board.office', { estate })}</div>
              <div>{date}</div>
              {n.expiresAt && (
                <div className="wd-small">
                  {t('rn.expiresAt')}
                  {t('print.colon')}
                  {formatDate(n.expiresAt)}
                </div>
              )}
            </div>
          </div>
        </FormSheet>
      )}
    </FormShell>
  );
}
