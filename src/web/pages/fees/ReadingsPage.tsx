import { DownloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Segmented, Select, Table, type TableColumnsType, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { METER_KINDS } from '../../../core/fees.ts';
import { api, ApiError } from '../../api/client.ts';
import type { ReadingRow, ReadingSave } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { DeferredDatePicker } from '../../components/DeferredDatePicker.tsx';
import { useDownload } from '../../components/fees/download.ts';
import { PeriodPicker, useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { FEES, useBuildings } from '../../components/fees/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';

/** Server errors of a save, by meter: `rows.N.value` of the sent rows, or the answer's own list. */
function errorsByMeter(err: unknown, sent: Array<{ meterId: number }>): Record<number, string> {
  const out: Record<number, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const [path, msg] of Object.entries(err.fields)) {
    const m = /^rows\.(\d+)\./.exec(path);
    if (m && sent[Number(m[1])]) out[sent[Number(m[1])].meterId] = msg;
  }
  return out;
}

/** 抄表: a building's meters for a period, last reading beside the new one, usage computed as you type. */
export default function ReadingsPage() {
  const t = useT();
  const { estateId, estate } = useSession();
  const { message, notification } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const { period: current, today } = useServerToday();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? current;
  const kind = params.get('kind') ?? 'water';
  const buildings = useBuildings(estateId);
  const buildingId = Number(params.get('building')) || buildings.items[0]?.id;
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, String(v)) : next.delete(k);
    setParams(next, { replace: true });
  };
  const [readOn, setReadOn] = useState<Dayjs>(() => dayjs(today));
  const [values, setValues] = useState<Record<number, number | null>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const { busy: downloading, download } = useDownload();

  const query = { estateId, period, buildingId, kind };
  const sheet = useQuery({
    queryKey: [FEES, 'readings', query],
    queryFn: () => api<{ items: ReadingRow[] } | ReadingRow[]>('/api/v1/fees/readings', { query }),
    enabled: !!estateId && !!buildingId,
  });
  const rows = useMemo(() => (Array.isArray(sheet.data) ? sheet.data : (sheet.data?.items ?? [])), [sheet.data]);
  useEffect(() => {
    setValues(Object.fromEntries(rows.map((r) => [r.meterId, r.value])));
    setErrors({});
  }, [rows]);
  const changed = rows.filter((r) => values[r.meterId] != null && values[r.meterId] !== r.value);

  const save = async () => {
    const sent = changed.map((r) => ({ meterId: r.meterId, value: values[r.meterId] as number }));
    setSaving(true);
    setErrors({});
    try {
      const res = await api<ReadingSave>('/api/v1/fees/readings', { body: { estateId, period, readOn: readOn.format('YYYY-MM-DD'), rows: sent } });
      if (res.errors?.length) setErrors(Object.fromEntries(res.errors.map((e) => [e.meterId, e.message])));
      message.success(t('fees.readings.saved', { n: res.saved }));
      await qc.invalidateQueries({ queryKey: [FEES, 'readings'] });
    } catch (err) {
      const byMeter = errorsByMeter(err, sent);
      setErrors(byMeter);
      if (Object.keys(byMeter).length) message.error(t('fees.readings.rowErrors', { n: Object.keys(byMeter).length }));
      else reportError(err);
    } finally {
      setSaving(false);
    }
  };
  const upload = async (file: File) => {
    setImporting(true);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const res = await api<ReadingSave>('/api/v1/fees/readings/import', { query: { estateId }, body });
      message.success(t('fees.readings.imported', { n: res.saved }));
      await qc.invalidateQueries({ queryKey: [FEES, 'readings'] });
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length)
        notification.error({ title: err.message, description: Object.entries(err.fields).slice(0, 10).map(([k, v]) => `${k}: ${v}`).join('；'), duration: 0 });
      else reportError(err);
    } finally {
      setImporting(false);
    }
  };

  const columns: TableColumnsType<ReadingRow> = [
    { title: t('fees.meter.number'), dataIndex: 'meterNumber', width: 140, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('fees.unit'), dataIndex: 'unitLabel', width: 120, render: (v: string | null) => v ?? t('fees.meter.shared') },
    { title: t('fees.readings.previous'), dataIndex: 'previous', width: 120, align: 'right' },
    {
      title: t('fees.readings.value'),
      key: 'value',
      width: 220,
      render: (_: unknown, r, i) => (
        <div>
          <InputNumber<number>
            min={0}
            precision={0}
            value={values[r.meterId] ?? null}
            status={errors[r.meterId] ? 'error' : undefined}
            onChange={(v) => {
              setValues((s) => ({ ...s, [r.meterId]: v }));
              if (errors[r.meterId]) setErrors((e) => ({ ...e, [r.meterId]: '' }));
            }}
            style={{ width: 160 }}
            data-testid={`reading-${i}`}
          />
          {errors[r.meterId] && <div className="wd-small" style={{ color: '#cf1322' }}>{errors[r.meterId]}</div>}
        </div>
      ),
    },
    {
      title: t('fees.readings.usage'),
      key: 'usage',
      width: 110,
      align: 'right',
      render: (_: unknown, r) => {
        const v = values[r.meterId];
        if (v == null) return <span className="wd-muted">—</span>;
        const u = v - r.previous;
        return <b style={{ color: u < 0 ? '#cf1322' : undefined }}>{u}</b>;
      },
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.feesReadings')}
        subtitle={t('fees.readings.subtitle', { estate: estate?.name ?? '' })}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => download('/api/v1/fees/readings/template.xlsx', { estateId, period, kind, buildingId }, `${t('fees.readings.templateFile')}-${period}-${kind}.xlsx`)}>
              {t('fees.readings.template')}
            </Button>
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
              <Button icon={<UploadOutlined />} loading={importing}>
                {t('fees.readings.import')}
              </Button>
            </Upload>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center">
          <Select value={buildingId} onChange={(v) => set({ building: v })} style={{ width: 150 }} options={buildings.options} placeholder={t('fees.building')} data-testid="readings-building" />
          <PeriodPicker value={period} onChange={(v) => set({ period: v })} />
          <Segmented value={kind} onChange={(v) => set({ kind: v === 'water' ? undefined : (v as string) })} options={METER_KINDS.map((k) => ({ value: k, label: t(`fees.meterKind.${k}` as MessageKey) }))} />
          <span className="wd-muted" style={{ marginInlineStart: 8 }}>
            {t('fees.readings.readOn')}
          </span>
          <DeferredDatePicker value={readOn} allowClear={false} onChange={(d) => d && setReadOn(d)} />
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!changed.length} onClick={save} style={{ marginInlineStart: 'auto' }} data-testid="readings-save">
            {t('fees.readings.save', { n: changed.length })}
          </Button>
        </Flex>
      </Card>
      {Object.values(errors).some(Boolean) && <Alert type="error" showIcon title={t('fees.readings.fixRows')} style={{ marginBottom: 12 }} />}
      <Card size="small">
        {sheet.error ? (
          <ErrorResult error={sheet.error} />
        ) : !buildingId ? (
          <Empty />
        ) : (
          <Table<ReadingRow>
            rowKey="meterId"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={sheet.isFetching}
            tableLayout="fixed"
            pagination={false}
            rowClassName={(r) => (errors[r.meterId] ? 'wd-reading-error' : '')}
            locale={{ emptyText: t('fees.readings.none') }}
            data-testid="readings-table"
          />
        )}
      </Card>
    </>
  );
}
