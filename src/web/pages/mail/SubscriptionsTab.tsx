import { PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { MailDelivery, MailSubscription } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { UnitSearchSelect } from '../../components/fees/UnitSearchSelect.tsx';
import { formatInstant, today } from '../../components/format.ts';
import { ErrorResult } from '../../components/Results.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import { useMailOptions } from './labels.tsx';

interface SubValues { unitId: number; publication: string; copies: number; fromDate: string; toDate: string; delivery: string; note?: string }

/** 报刊订阅: who takes which paper, and the day's delivery list marked as the round goes. */
export default function SubscriptionsTab() {
  const t = useT();
  const navigate = useNavigate();
  const { estateId, can } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const qc = useQueryClient();
  const o = useMailOptions();
  const work = can('mail.work');
  const [date, setDate] = useState(today());
  const [keys, setKeys] = useState<number[]>([]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<SubValues>();
  const day = useQuery({
    queryKey: ['mail', 'deliveries', estateId, date],
    queryFn: () => api<ListResponse<MailDelivery>>('/api/v1/mail/deliveries', { query: { estateId, date } }),
    enabled: !!estateId && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  const all = useQuery({
    queryKey: ['mail', 'subscriptions', estateId],
    queryFn: () => api<ListResponse<MailSubscription>>('/api/v1/mail/subscriptions', { query: { estateId, pageSize: 200 } }),
    enabled: !!estateId,
  });
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api('/api/v1/mail/subscriptions', { body: { ...v, note: v.note || null } });
    setAdding(false);
    form.resetFields();
    void qc.invalidateQueries({ queryKey: ['mail'] });
  });
  const mark = async () => {
    try {
      const r = await api<{ delivered: number }>('/api/v1/mail/deliveries', { body: { estateId, date, subscriptionIds: keys } });
      message.success(`${t('mail.delivered')} ${r.delivered}`);
      setKeys([]);
      void qc.invalidateQueries({ queryKey: ['mail', 'deliveries'] });
    } catch (err) {
      report(err);
    }
  };
  const end = async (s: MailSubscription) => {
    try {
      await api(`/api/v1/mail/subscriptions/${s.id}/end`, { body: { endedOn: today() } });
      void qc.invalidateQueries({ queryKey: ['mail'] });
    } catch (err) {
      report(err);
    }
  };
  const base: TableColumnsType<MailSubscription> = [
    { title: t('mail.unit'), dataIndex: 'unitLabel', width: 100 },
    { title: t('mail.publication'), dataIndex: 'publication', width: 140, ellipsis: true },
    { title: t('mail.copies'), dataIndex: 'copies', width: 70, align: 'right' },
    { title: t('mail.delivery'), dataIndex: 'delivery', width: 96, render: (v: string) => o.delivery(v) },
    { title: t('mail.fromDate'), dataIndex: 'fromDate', width: 110 },
    { title: t('mail.toDate'), dataIndex: 'toDate', width: 110 },
  ];
  return (
    <Row gutter={24}>
      <Col xs={24} xl={12}>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('mail.deliveryDate')}</Typography.Text>
          <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 160 }} data-testid="mail-delivery-date" />
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/mail/deliveries?date=${date}`)} data-testid="mail-print-delivery">
            {t('mail.printDelivery')}
          </Button>
          {work && (
            <Button type="primary" disabled={!keys.length} onClick={mark} data-testid="mail-mark-delivered">
              {t('mail.markDelivered')} ({keys.length})
            </Button>
          )}
        </Flex>
        {day.error ? (
          <ErrorResult error={day.error} />
        ) : (
          <Table<MailDelivery>
            rowKey="id"
            size="small"
            loading={day.isPending}
            dataSource={day.data?.items ?? []}
            pagination={false}
            rowSelection={work ? { selectedRowKeys: keys, onChange: (k) => setKeys(k as number[]), getCheckboxProps: (r) => ({ disabled: !!r.deliveredAt }) } : undefined}
            columns={[...(base.slice(0, 4) as TableColumnsType<MailDelivery>), { title: t('mail.delivered'), dataIndex: 'deliveredAt', width: 90, render: (v: string | null) => (v ? <Tag color="green">{formatInstant(v, 'HH:mm')}</Tag> : '—') }]}
            data-testid="mail-deliveries-table"
          />
        )}
      </Col>
      <Col xs={24} xl={12}>
        <Flex justify="space-between" style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('mail.tabSubscriptions')}</Typography.Text>
          {work && <Button onClick={() => setAdding(true)} data-testid="mail-subscribe">{t('mail.subscribe')}</Button>}
        </Flex>
        {all.error ? (
          <ErrorResult error={all.error} />
        ) : (
          <Table<MailSubscription>
            rowKey="id"
            size="small"
            loading={all.isPending}
            dataSource={all.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 760 }}
            columns={[
              ...base,
              { title: t('common.actions'), key: 'op', width: 110, render: (_: unknown, r) => (r.endedOn ? <Tag>{t('mail.ended', { date: r.endedOn })}</Tag> : work ? <Button size="small" onClick={() => end(r)}>{t('mail.end')}</Button> : null) },
            ]}
          />
        )}
      </Col>
      <Modal open={adding} title={t('mail.subscribe')} onCancel={() => setAdding(false)} onOk={submit} okButtonProps={{ loading: busy }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ copies: 1, delivery: 'mailbox', fromDate: today(), toDate: `${today().slice(0, 4)}-12-31` }}>
          <Form.Item name="unitId" label={t('mail.unit')} rules={[{ required: true }]}>
            <UnitSearchSelect estateId={estateId} />
          </Form.Item>
          <Form.Item name="publication" label={t('mail.publication')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="copies" label={t('mail.copies')} rules={[{ required: true }]}><InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={16}><Form.Item name="delivery" label={t('mail.delivery')} rules={[{ required: true }]}><Select options={o.deliveries} /></Form.Item></Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="fromDate" label={t('mail.fromDate')} rules={[{ required: true }]}><Input type="date" /></Form.Item></Col>
            <Col span={12}><Form.Item name="toDate" label={t('mail.toDate')} rules={[{ required: true }]}><Input type="date" /></Form.Item></Col>
          </Row>
          <Form.Item name="note" label={t('mail.note')}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
