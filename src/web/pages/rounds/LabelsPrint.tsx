import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex } from 'antd';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Label } from '../../api/rounds-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useI18n } from '../../i18n/index.tsx';
import './labels.css';

/**
 * A4 sheet of checkpoint labels (3 × 4 per page): the QR code encodes this server's
 * /field/scan?t=<token> (a token, never the checkpoint's id), with the code, name and place.
 */
export default function LabelsPrint() {
  const { t } = useI18n();
  const { estateId, estateName } = useSession();
  const navigate = useNavigate();
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
  if (labels.isPending) return <PageLoading />;
  if (labels.error) return <ErrorResult error={labels.error} />;
  const pages: Label[][] = [];
  for (let i = 0; i < labels.data.items.length; i += 12) pages.push(labels.data.items.slice(i, i + 12));
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/rounds/checkpoints')}>{t('rounds.backToCheckpoints')}</Button>
        <Flex gap={12} align="center">
          <LangSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">{t('print.print')}</Button>
        </Flex>
      </Flex>
      {pages.map((page, p) => (
        <article key={p} className="wd-a4 wd-qr-sheet" data-testid="labels-sheet">
          <div className="wd-qr-grid">
            {page.map((l) => (
              <div key={l.id} className="wd-qr-label" data-testid="qr-label">
                <div className="wd-qr-estate">{estateName(estateId)} · {t('rounds.labelsTitle')}</div>
                {codes[l.id] ? <img src={codes[l.id]} alt={l.code} className="wd-qr-img" /> : <div className="wd-qr-img" />}
                <div className="wd-qr-code wd-mono">{l.code}</div>
                <div className="wd-qr-name">{l.name}</div>
                {l.location && <div className="wd-qr-loc">{l.location}</div>}
                <div className="wd-qr-hint">{t('rounds.labelHint')}</div>
              </div>
            ))}
          </div>
        </article>
      ))}
    </div>
  );
}
