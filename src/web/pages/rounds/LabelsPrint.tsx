import { useQuery } from '@tanstack/react-query';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Label } from '../../api/rounds-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FormShell, FormSheet } from '../print/kit/index.ts';
import './labels.css';

/** Labels a page: 3 × 3 leaves room for the kit's head and foot on A4. */
const PER_PAGE = 9;

/**
 * A4 sheets of checkpoint labels under the kit head: the QR code on each label encodes this
 * server's /field/scan?t=<token> (a token, never the checkpoint's id), with the code, name and place.
 */
export default function LabelsPrint() {
  const { t } = useI18n();
  const { estateId, estateName } = useSession();
  const [params] = useSearchParams();
  const ids = params.get('ids');
  const labels = useQuery({ queryKey: ['rounds-labels', estateId, ids], queryFn: () => api<ListResponse<Label>>('/api/v1/rounds/labels', { query: { estateId, ids } }), enabled: !!estateId });
  const [codes, setCodes] = useState<Record<number, string>>({});
  useEffect(() => {
    let gone = false;
    void Promise.all((labels.data?.items ?? []).map(async (l) => [l.id, await toDataURL(new URL(l.url, window.location.origin).href, { margin: 1, width: 360, errorCorrectionLevel: 'M' })] as const)).then((pairs) => {
      if (!gone) setCodes(Object.fromEntries(pairs));
    });
    return () => {
      gone = true;
    };
  }, [labels.data]);
  const items = labels.data?.items ?? [];
  const pages: Label[][] = [];
  for (let i = 0; i < items.length; i += PER_PAGE) pages.push(items.slice(i, i + PER_PAGE));
  return (
    <FormShell loading={labels.isPending} error={labels.error} back="/rounds/checkpoints" backLabel={t('rounds.backToCheckpoints')} empty={!items.length}>
      {pages.map((page, p) => (
        <FormSheet key={p} form="checkpoint-labels" estate={estateName(estateId)} page={[p + 1, pages.length]} scans={false} record={{ key: String(estateId), no: null }} className="wd-qr-sheet" data={{ testid: 'labels-sheet' }}>
          <div className="wd-qr-grid">
            {page.map((l) => (
              <div key={l.id} className="wd-qr-label" data-testid="qr-label">
                <div className="wd-qr-estate">
                  {estateName(estateId)} · {t('rounds.labelsTitle')}
                </div>
                {codes[l.id] ? <img src={codes[l.id]} alt={l.code} className="wd-qr-img" /> : <div className="wd-qr-img" />}
                <div className="wd-qr-code wd-mono">{l.code}</div>
                <div className="wd-qr-name">{l.name}</div>
                {l.location && <div className="wd-qr-loc">{l.location}</div>}
                <div className="wd-qr-hint">{t('rounds.labelHint')}</div>
              </div>
            ))}
          </div>
        </FormSheet>
      ))}
    </FormShell>
  );
}
