import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ResidentNotice } from '../../api/notices-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { RelationsPrintShell } from './PrintShell.tsx';

/** The bulletin-board copy (manual 3.9, 4.10.1): estate header, number, date, seal box, QR to the online text. */
export default function NoticeBoardPrint() {
  const t = useT();
  const id = Number(useParams().id);
  const { estateName } = useSession();
  const notice = useQuery({ queryKey: ['resident-notice', id], queryFn: () => api<ResidentNotice>(`/api/v1/notices/${id}`) });
  const qr = useQuery({ queryKey: ['notice-qr', id], queryFn: () => QRCode.toDataURL(`${window.location.origin}/portal/notices/${id}`, { margin: 1, width: 240 }) });
  if (notice.isPending) return <PageLoading />;
  if (notice.error) return <ErrorResult error={notice.error} />;
  const n = notice.data;
  const estate = estateName(n.estateId) ?? '';
  return (
    <RelationsPrintShell back={`/relations/notices/${id}`}>
      <header className="wd-print-head">
        <div className="wd-print-estate">{estate}</div>
        <h1 className="wd-rn-board-title">{n.title}</h1>
        <div className="wd-print-meta">
          <span>
            {t(`rn.cat.${n.category}` as MessageKey)} · <b className="wd-mono">{n.number ?? `#${n.id}`}</b>
          </span>
          <span>{formatDate(n.publishedAt ?? n.publishAt ?? n.createdAt)}</span>
        </div>
      </header>
      <div className="wd-rn-board-body">{n.body}</div>
      <div className="wd-rn-board-foot">
        <div className="wd-rn-board-qr">
          {qr.data && <img src={qr.data} alt="QR" width={110} height={110} data-testid="board-qr" />}
          <div>{t('rn.board.qr')}</div>
        </div>
        <div className="wd-rn-board-sign">
          <div className="wd-rn-board-seal">{t('rn.board.seal')}</div>
          <div>{t('rn.board.office', { estate })}</div>
          <div>{formatDate(n.publishedAt ?? n.publishAt ?? n.createdAt)}</div>
          {n.expiresAt && (
            <div className="wd-small">
              {t('rn.expiresAt')}
              {t('print.colon')}
              {formatDate(n.expiresAt)}
            </div>
          )}
        </div>
      </div>
    </RelationsPrintShell>
  );
}
