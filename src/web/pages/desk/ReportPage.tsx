import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Flex, Row, Segmented, Select, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { defaultMonth } from '../../../core/periods.ts';
import { api, ApiError, withQuery } from '../../api/client.ts';
import type { DeskReport } from '../../api/desk-types.ts';
import { useSession } from '../../app/session.tsx';
import { useServerNow } from '../../components/desk/useServerNow.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { KpiCards } from './report/KpiCards.tsx';
import { type Preset, PRESETS, presetRange } from './report/period.ts';
import { ReportCharts } from './report/ReportCharts.tsx';

const TOTALS: Array<{ key: string; label: MessageKey }> = [
  { key: 'registered', label: 'report.registered' },
  { key: 'resolved', label: 'report.resolved' },
  { key: 'cancelled', label: 'report.cancelled' },
  { key: 'emergencies', label: 'report.emergencies' },
  { key: 'escalated', label: 'report.escalated' },
  { key: 'reopened', label: 'report.reopenedCount' },
  { key: 'visited', label: 'report.visited' },
];

/** 报事统计: the week's or month's counts and rates, with charts and an Excel export. */
export default function ReportPage() {
  const { t, lang } = useI18n();
  const { estateId, estate } = useSession();
  const { message } = App.useApp();
  const now = useServerNow(5 * 60_000);
  const [params, setParams] = useSearchParams();
  // Early in a month the month so far is nearly empty: open on the last complete one (core/periods.ts).
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  const opening: Preset = defaultMonth(today) === today.slice(0, 7) ? 'thisMonth' : 'lastMonth';
  const preset = (PRESETS as readonly string[]).includes(params.get('period') ?? '') ? (params.get('period') as Preset) : opening;
  const areaId = Number(params.get('area')) || undefined;
  const [custom, setCustom] = useState<[string, string]>(() => presetRange(opening, now));
  const [from, to] = preset === 'custom' ? custom : presetRange(preset, now);
  const [exporting, setExporting] = useState(false);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    setParams(next, { replace: true });
  };

  const query = { estateId, areaId, from, to };
  const report = useQuery({
    queryKey: ['desk-report', query],
    queryFn: () => api<DeskReport>('/api/v1/reports/desk', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const res = await fetch(withQuery('/api/v1/reports/desk.xlsx', query), { headers: { 'Accept-Language': lang }, credentials: 'same-origin' });
      if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${t('nav.reports')}-${estate?.name ?? ''}-${from}-${to}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : t('error.generic'));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.reports')}
        subtitle={t('report.subtitle', { estate: estate?.name ?? '', from, to })}
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting} disabled={!report.data} data-testid="report-export">
            {t('report.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Segmented
            value={preset}
            onChange={(v) => set({ period: v === opening ? undefined : (v as string) })}
            options={PRESETS.map((p) => ({ value: p, label: t(`report.period.${p}` as MessageKey) }))}
            data-testid="report-period"
          />
          {preset === 'custom' && (
            <DatePicker.RangePicker
              value={[dayjs(custom[0]), dayjs(custom[1])]}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setCustom([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            />
          )}
          <Select
            allowClear
            placeholder={t('report.allAreas')}
            value={areaId}
            onChange={(v) => set({ area: v ? String(v) : undefined })}
            options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))}
            style={{ width: 160 }}
            data-testid="report-area"
          />
        </Flex>
      </Card>
      {report.error && !report.data ? (
        <ErrorResult error={report.error} />
      ) : !report.data ? (
        <Card>
          <CardSkeleton rows={10} />
        </Card>
      ) : (
        <Flex vertical gap={16} style={{ opacity: report.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Card size="small">
            <Row gutter={[16, 8]} data-testid="report-totals">
              {TOTALS.map((x) => (
                <Col key={x.key} xs={12} sm={8} md={6} lg={3}>
                  <Statistic title={t(x.label)} value={report.data.totals[x.key] ?? 0} data-testid={`total-${x.key}`} />
                </Col>
              ))}
            </Row>
          </Card>
          <KpiCards report={report.data} />
          <ReportCharts report={report.data} />
        </Flex>
      )}
    </>
  );
}
