import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { METER_KINDS } from '../../../../core/fees.ts';
import { api } from '../../../api/client.ts';
import type { Meter } from '../../../api/fee-types.ts';
import { useSession } from '../../../app/session.tsx';
import { DrawerActions } from '../../../components/DrawerActions.tsx';
import { FEES, useBuildings } from '../../../components/fees/queries.ts';
import { UnitSearchSelect } from '../../../components/fees/UnitSearchSelect.tsx';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { formatDate } from '../../../components/format.ts';
import { ErrorResult } from '../../../components/Results.tsx';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { type MessageKey, useT } from '../../../i18n/index.tsx';

/** 表具: water, electricity and gas meters of units and buildings, with the last reading; replacement. */
export function MetersTab() {
  const t = useT();
  const { estateId, can } = useSession();
  const qc = useQueryClient();
  const [buildingId, setBuildingId] = useState<number>();
  const [kind, setKind] = useState<string>();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [replacing, setReplacing] = useState<Meter | null>(null);
  const buildings = useBuildings(estateId);
  const query = { estateId, buildingId, kind, q: q || undefined };
  const list = useQuery({
    queryKey: [FEES, 'meters', query],
    queryFn: () => api<{ items: Meter[] } | Meter[]>('/api/v1/fees/meters', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const rows = Array.isArray(list.data) ? list.data : (list.data?.items ?? []);
  const reload = () => qc.invalidateQueries({ queryKey: [FEES, 'meters'] });
  const columns: TableColumnsType<Meter> = [
    { title: t('fees.meter.number'), dataIndex: 'number', width: 140, render: (v: string, r) => <span className="wd-mono">{v}{r.replacedAt && <Tag style={{ marginInlineStart: 6 }}>{t('fees.meter.replaced')}</Tag>}</span> },
    { title: t('fees.meter.kind'), dataIndex: 'kind', width: 80, render: (v: string) => t(`fees.meterKind.${v}` as MessageKey) },
    { title: t('fees.meter.where'), key: 'where', width: 150, render: (_: unknown, r) => r.unitLabel ?? (r.buildingName ? `${r.buildingName} · ${t('fees.meter.shared')}` : '—') },
    { title: t('fees.meter.installedOn'), dataIndex: 'installedOn', width: 110, render: formatDate },
    { title: t('fees.meter.initial'), dataIndex: 'initialReading', width: 100, align: 'right' },
    { title: t('fees.meter.last'), key: 'last', width: 180, render: (_: unknown, r) => (r.lastReading ? `${r.lastReading.value} · ${formatDate(r.lastReading.readOn)}` : <span className="wd-muted">{t('fees.meter.noReading')}</span>) },
    {
      title: t('common.actions'),
      key: 'a',
      width: 100,
      render: (_: unknown, r) =>
        !r.replacedAt && can('meter.read') ? (
          <Button size="small" type="link" onClick={() => setReplacing(r)}>
            {t('fees.meter.replace')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input allowClear prefix={<SearchOutlined />} placeholder={t('fees.meter.search')} value={search} onChange={(e) => { setSearch(e.target.value); if (!e.target.value) setQ(''); }} onPressEnter={() => setQ(search.trim())} style={{ width: 200 }} />
          <Select allowClear placeholder={t('fees.allBuildings')} value={buildingId} onChange={setBuildingId} style={{ width: 140 }} options={buildings.options} />
          <Select allowClear placeholder={t('fees.meter.kind')} value={kind} onChange={setKind} style={{ width: 110 }} options={METER_KINDS.map((k) => ({ value: k, label: t(`fees.meterKind.${k}` as MessageKey) }))} />
        </Flex>
        {can('fee.config') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('fees.meter.new')}
          </Button>
        )}
      </Flex>
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <Table<Meter> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isFetching && !list.data} tableLayout="fixed" scroll={{ x: 900 }} pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }} locale={{ emptyText: t('fees.meter.none') }} data-testid="meters-table" />
      )}
      <MeterDrawer open={adding} onClose={() => setAdding(false)} onDone={() => { setAdding(false); void reload(); }} />
      <ReplaceModal meter={replacing} onClose={() => setReplacing(null)} onDone={() => { setReplacing(null); void reload(); }} />
    </>
  );
}

interface MeterValues {
  on: 'unit' | 'building';
  unitId?: number;
  buildingId?: number;
  kind: string;
  number: string;
  installedOn: Dayjs;
  initialReading: number;
}

function MeterDrawer({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { estateId } = useSession();
  const { message } = App.useApp();
  const buildings = useBuildings(estateId);
  const [form] = Form.useForm<MeterValues>();
  useResetOnOpen(form, open);
  const on = Form.useWatch('on', form) ?? 'unit';
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api('/api/v1/fees/meters', {
        body: { estateId, unitId: v.on === 'unit' ? v.unitId : undefined, buildingId: v.on === 'building' ? v.buildingId : undefined, kind: v.kind, number: v.number.trim(), installedOn: v.installedOn.format('YYYY-MM-DD'), initialReading: v.initialReading },
      });
      message.success(t('common.saved'));
      onDone();
    },
    fieldsIn('unitId', 'buildingId', 'kind', 'number', 'installedOn', 'initialReading'),
  );
  return (
    <Drawer open={open} size={480} title={t('fees.meter.new')} onClose={onClose} destroyOnHidden extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} />}>
      <Form<MeterValues> form={form} layout="vertical" requiredMark={false} initialValues={{ on: 'unit', kind: 'water', installedOn: dayjs(), initialReading: 0 }}>
        <Form.Item name="on" label={t('fees.meter.where')}>
          <Radio.Group optionType="button" options={[{ value: 'unit', label: t('fees.unit') }, { value: 'building', label: t('fees.meter.buildingShared') }]} />
        </Form.Item>
        {on === 'unit' ? (
          <Form.Item name="unitId" label={t('fees.unit')} rules={[{ required: true, message: t('form.required') }]}>
            <UnitSearchSelect estateId={estateId} />
          </Form.Item>
        ) : (
          <Form.Item name="buildingId" label={t('fees.building')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={buildings.options} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('fees.meter.kind')}>
          <Radio.Group optionType="button" options={METER_KINDS.map((k) => ({ value: k, label: t(`fees.meterKind.${k}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="number" label={t('fees.meter.number')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="installedOn" label={t('fees.meter.installedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="initialReading" label={t('fees.meter.initial')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

interface ReplaceValues {
  finalReading: number;
  readOn: Dayjs;
  newNumber: string;
  newInitialReading: number;
  note?: string;
}

/** 换表: the old meter's final reading is recorded and a new meter starts from its own reading. */
function ReplaceModal({ meter, onClose, onDone }: { meter: Meter | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReplaceValues>();
  useResetOnOpen(form, !!meter, meter);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api(`/api/v1/fees/meters/${meter?.id}/replace`, { body: { finalReading: v.finalReading, readOn: v.readOn.format('YYYY-MM-DD'), newNumber: v.newNumber.trim(), newInitialReading: v.newInitialReading, note: v.note?.trim() || undefined } });
      message.success(t('common.saved'));
      onDone();
    },
    fieldsIn('finalReading', 'readOn', 'newNumber', 'newInitialReading', 'note'),
  );
  return (
    <Modal open={!!meter} title={`${t('fees.meter.replace')} · ${meter?.number ?? ''}`} okText={t('common.save')} okButtonProps={{ loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form<ReplaceValues> form={form} layout="vertical" requiredMark={false} initialValues={{ readOn: dayjs(), newInitialReading: 0, finalReading: meter?.lastReading?.value }}>
        <Form.Item name="finalReading" label={t('fees.meter.finalReading')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="readOn" label={t('fees.readings.readOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="newNumber" label={t('fees.meter.newNumber')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="newInitialReading" label={t('fees.meter.newInitial')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('common.notes')} style={{ marginBottom: 0 }}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
