import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Table } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import type { Discount } from '../../../api/fee-types.ts';
import { useSession } from '../../../app/session.tsx';
import { DrawerActions } from '../../../components/DrawerActions.tsx';
import { ApprovalTag } from '../../../components/fees/FeeTags.tsx';
import { FEES, useFeeItems } from '../../../components/fees/queries.ts';
import { UnitSearchSelect } from '../../../components/fees/UnitSearchSelect.tsx';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { formatBp, formatDate, today } from '../../../components/format.ts';
import { ErrorResult } from '../../../components/Results.tsx';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

/** 空置房优惠: requests (approved by the assistant or director on the 审批 page) and their status. */
export function DiscountsTab() {
  const t = useT();
  const { estateId, can } = useSession();
  const qc = useQueryClient();
  const items = useFeeItems(estateId);
  const [status, setStatus] = useState<string>('all');
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Discount | null>(null);
  const query = { estateId, status: status === 'all' ? undefined : status };
  const list = useQuery({
    queryKey: [FEES, 'discounts', estateId, query.status ?? 'all'],
    queryFn: () => api<{ items: Discount[] } | Discount[]>('/api/v1/fees/discounts', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const rows = Array.isArray(list.data) ? list.data : (list.data?.items ?? []);
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Segmented value={status} onChange={(v) => setStatus(v as string)} options={['all', 'pending', 'approved', 'rejected'].map((s) => ({ value: s, label: s === 'all' ? t('fees.approval.all') : t(`fees.approval.${s}` as 'fees.approval.pending') }))} />
        {can('fee.request') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('fees.discount.new')}
          </Button>
        )}
      </Flex>
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <Table<Discount>
          rowKey="id"
          size="middle"
          dataSource={rows}
          loading={list.isFetching && !list.data}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('fees.discount.none') }}
          columns={[
            { title: t('fees.unit'), dataIndex: 'unitLabel', width: 110, render: (v: string | undefined, r) => v ?? `#${r.unitId}` },
            { title: t('fees.line.item'), dataIndex: 'feeItemId', width: 150, render: (v: number | null, r) => r.feeItemName ?? (v ? (items.items.find((i) => i.id === v)?.name ?? `#${v}`) : t('fees.discount.allItems')) },
            { title: t('fees.discount.percent'), dataIndex: 'percentBp', width: 90, align: 'right', render: (v: number) => formatBp(v, 0) },
            { title: t('fees.discount.range'), key: 'range', width: 200, render: (_: unknown, r) => `${formatDate(r.fromDate)} ~ ${formatDate(r.toDate)}` },
            { title: t('common.reason'), dataIndex: 'reason', ellipsis: true },
            { title: t('fees.approval.status'), dataIndex: 'status', width: 90, render: (v: string) => <ApprovalTag status={v} /> },
            ...(can('fee.approve')
              ? [{
                  title: t('common.actions'),
                  key: 'end',
                  width: 110,
                  render: (_: unknown, r: Discount) =>
                    r.status === 'approved' && r.toDate > today() ? (
                      <Button size="small" onClick={() => setEnding(r)} data-testid={`discount-end-${r.id}`}>
                        {t('fees.discount.end')}
                      </Button>
                    ) : null,
                }]
              : []),
          ]}
        />
      )}
      <EndModal discount={ending} onClose={() => setEnding(null)} onDone={() => { setEnding(null); void qc.invalidateQueries({ queryKey: [FEES, 'discounts'] }); }} />
      <DiscountDrawer open={adding} onClose={() => setAdding(false)} onDone={() => { setAdding(false); void qc.invalidateQueries({ queryKey: [FEES, 'discounts'] }); }} />
    </>
  );
}

/** 空置房已入住: the approved discount ends on the day before the owner moved in. */
function EndModal({ discount, onClose, onDone }: { discount: Discount | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lastDay: Dayjs; reason: string }>();
  useResetOnOpen(form, !!discount);
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api(`/api/v1/fees/discounts/${discount!.id}/end`, { body: { lastDay: v.lastDay.format('YYYY-MM-DD'), reason: v.reason } });
    message.success(t('fees.discount.ended'));
    onDone();
  }, fieldsIn('lastDay', 'reason'));
  return (
    <Modal open={!!discount} title={t('fees.discount.endTitle', { unit: discount?.unitLabel ?? '' })} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('fees.discount.end')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ lastDay: dayjs(today()) }}>
        <Form.Item name="lastDay" label={t('fees.discount.lastDay')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, message: t('form.required') }]}>
          <Input maxLength={200} placeholder={t('fees.discount.endHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Values {
  unitId: number;
  feeItemId?: number;
  percent: number;
  range: [Dayjs, Dayjs];
  reason: string;
}

function DiscountDrawer({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { estateId } = useSession();
  const { message } = App.useApp();
  const items = useFeeItems(estateId);
  const [form] = Form.useForm<Values>();
  useResetOnOpen(form, open);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api('/api/v1/fees/discounts', {
        body: { unitId: v.unitId, feeItemId: v.feeItemId, kind: 'vacant', percentBp: Math.round(v.percent * 100), fromDate: v.range[0].format('YYYY-MM-DD'), toDate: v.range[1].format('YYYY-MM-DD'), reason: v.reason.trim() },
      });
      message.success(t('fees.discount.asked'));
      onDone();
    },
    (path) => (path === 'percentBp' ? ['percent'] : path === 'fromDate' || path === 'toDate' ? ['range'] : fieldsIn('unitId', 'feeItemId', 'reason')(path)),
  );
  return (
    <Drawer open={open} size={480} title={t('fees.discount.new')} onClose={onClose} destroyOnHidden extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} okText={t('fees.discount.submit')} />}>
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ percent: 50 }}>
        <Form.Item name="unitId" label={t('fees.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitSearchSelect estateId={estateId} />
        </Form.Item>
        <Form.Item name="feeItemId" label={t('fees.line.item')} extra={t('fees.discount.itemHint')}>
          <Select allowClear placeholder={t('fees.discount.allItems')} options={items.options} />
        </Form.Item>
        <Form.Item name="percent" label={t('fees.discount.percent')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="range" label={t('fees.discount.range')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
