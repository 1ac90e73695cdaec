import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Drawer, Empty, Flex, Form, Input, InputNumber, Row, Select, Table, type TableColumnsType, Tag, Timeline, Typography } from 'antd';
import { ListItemCard } from '../../components/ListItemCard.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ACQUIRED_HOW_LABELS } from '../../../core/labels.ts';
import { PHONE_PATTERN } from '../../../core/mask.ts';
import { ACQUIRED_HOW } from '../../../core/units.ts';
import { api } from '../../api/client.ts';
import type { Archive, Ownership } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DrawerActions } from '../../components/DrawerActions.tsx';
import { formatDate } from '../../components/format.ts';
import { Reveal } from '../../components/Reveal.tsx';
import { useResetOnOpen } from '../../components/forms.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';

/** 产权及变更: current owners, the history as a timeline, and the transfer form. */
export function OwnershipTab({ archive, onChanged }: { archive: Archive; onChanged: () => Promise<unknown> }) {
  const { t, label } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const current = archive.ownerships.filter((o) => !o.endedOn);

  // Owners who acquired on the same day in the same way came in with one registration.
  const events = new Map<string, Ownership[]>();
  for (const o of [...archive.ownerships].sort((a, b) => (a.acquiredOn < b.acquiredOn ? 1 : a.acquiredOn > b.acquiredOn ? -1 : b.id - a.id))) {
    const key = `${o.acquiredOn}|${o.acquiredHow}|${o.endedOn ?? ''}`;
    if (!events.has(key)) events.set(key, []);
    events.get(key)!.push(o);
  }

  const columns: TableColumnsType<Ownership> = [
    { title: t('owner.name'), dataIndex: 'ownerName', width: 110, render: (v: string) => <strong>{v}</strong> },
    { title: t('owner.share'), dataIndex: 'sharePercent', width: 90, render: (v: number) => `${v}%` },
    { title: t('owner.phone'), dataIndex: 'phone', width: 190, render: (v: string | null, o) => <Reveal kind="ownership" id={o.id} field="phone" masked={v} /> },
    { title: t('owner.idNumber'), dataIndex: 'idNumber', width: 240, render: (v: string | null, o) => <Reveal kind="ownership" id={o.id} field="idNumber" masked={v} /> },
    { title: t('owner.certificateNo'), dataIndex: 'certificateNo', render: (v: string | null) => v ?? '—' },
    { title: t('owner.acquiredOn'), dataIndex: 'acquiredOn', width: 110, render: formatDate },
    { title: t('owner.acquiredHow'), dataIndex: 'acquiredHow', width: 90, render: (v: string) => label(ACQUIRED_HOW_LABELS, v) },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" className="wd-section-bar" style={{ marginTop: 0 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('owner.current')}
        </Typography.Title>
        {can('household.write') && (
          <Button type="primary" icon={<SwapOutlined />} onClick={() => setOpen(true)} data-testid="transfer-button">
            {current.length ? t('owner.transfer') : t('owner.register')}
          </Button>
        )}
      </Flex>
      <Table<Ownership>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={current}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('owner.none')} /> }}
        data-testid="owners-table"
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('owner.history')}
      </Typography.Title>
      {events.size === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('owner.noHistory')} />
      ) : (
        <Timeline
          className="wd-timeline"
          items={[...events.values()].map((group) => {
            const first = group[0];
            const ended = !!first.endedOn;
            return {
              key: `${first.id}`,
              color: ended ? 'gray' : 'green',
              content: (
                <div>
                  <div className="wd-timeline-date">{formatDate(first.acquiredOn)}</div>
                  <Flex gap={6} wrap align="center">
                    <Tag color={ended ? 'default' : 'green'}>{label(ACQUIRED_HOW_LABELS, first.acquiredHow)}</Tag>
                    {group.map((o) => (
                      <span key={o.id}>
                        <strong>{o.ownerName}</strong>
                        <span className="wd-muted"> {o.sharePercent}%</span>
                      </span>
                    ))}
                    {!ended && <Tag color="blue">{t('owner.currentTag')}</Tag>}
                  </Flex>
                  {ended && (
                    <div className="wd-muted" style={{ marginTop: 4 }}>
                      {t('owner.endedOn', { date: formatDate(first.endedOn) })}
                      {first.endReason ? ` · ${first.endReason}` : ''}
                    </div>
                  )}
                  {group.some((o) => o.certificateNo) && (
                    <div className="wd-muted" style={{ marginTop: 2 }}>
                      {t('owner.certificateNo')}：{group.map((o) => o.certificateNo ?? '—').join('；')}
                    </div>
                  )}
                </div>
              ),
            };
          })}
        />
      )}
      {can('household.write') && <TransferDrawer open={open} archive={archive} current={current} onClose={() => setOpen(false)} onDone={onChanged} />}
    </>
  );
}

interface OwnerValues {
  ownerName: string;
  phone?: string;
  idNumber?: string;
  sharePercent: number;
  certificateNo?: string;
}
interface TransferValues {
  date: Dayjs;
  how: string;
  reason?: string;
  owners: OwnerValues[];
}

function TransferDrawer({ open, archive, current, onClose, onDone }: { open: boolean; archive: Archive; current: Ownership[]; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TransferValues>();
  useResetOnOpen(form, open);
  const owners = Form.useWatch('owners', form) as OwnerValues[] | undefined;
  const total = (owners ?? []).reduce((s, o) => s + (Number(o?.sharePercent) || 0), 0);

  const { busy, submit } = useFormSubmit(form, async (v) => {
    const text = (s?: string) => (s?.trim() ? s.trim() : null);
    await api(`/api/v1/units/${archive.unit.id}/ownership-transfer`, {
      body: {
        date: v.date.format('YYYY-MM-DD'),
        how: v.how,
        reason: text(v.reason),
        owners: v.owners.map((o) => ({
          ownerName: o.ownerName.trim(),
          phone: text(o.phone),
          idNumber: text(o.idNumber),
          sharePercent: o.sharePercent,
          certificateNo: text(o.certificateNo),
        })),
      },
    });
    message.success(t('owner.transferred'));
    await onDone();
    onClose();
  });

  return (
    <Drawer
      open={open}
      size={760}
      title={t('owner.transferTitle', { unit: archive.unit.label })}
      onClose={onClose}
      destroyOnHidden
      extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} okText={t('owner.confirmTransfer')} testId="transfer-submit" />}
    >
      {current.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('owner.transferHint', { names: current.map((o) => o.ownerName).join('、') })}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ date: dayjs(), how: current.length ? 'transfer' : 'purchase', owners: [{ sharePercent: 100 }] }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="date" label={t('owner.date')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="how" label={t('owner.acquiredHow')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={ACQUIRED_HOW.map((h) => ({ value: h, label: label(ACQUIRED_HOW_LABELS, h) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="reason" label={t('owner.reason')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="owners">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <ListItemCard key={f.key} title={t('owner.newOwnerN', { n: i + 1 })} onRemove={fields.length > 1 ? () => remove(f.name) : undefined}>
                  <Row gutter={16}>
                    <Col span={12}>
                      <Form.Item name={[f.name, 'ownerName']} label={t('owner.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                        <Input maxLength={64} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name={[f.name, 'sharePercent']} label={t('owner.share')} rules={[{ required: true, message: t('form.required') }]}>
                        <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name={[f.name, 'phone']} label={t('owner.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('form.phone') }]}>
                        <Input inputMode="tel" maxLength={20} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name={[f.name, 'idNumber']} label={t('owner.idNumber')}>
                        <Input maxLength={18} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name={[f.name, 'certificateNo']} label={t('owner.certificateNo')}>
                        <Input maxLength={64} />
                      </Form.Item>
                    </Col>
                  </Row>
                </ListItemCard>
              ))}
              <Form.ErrorList errors={errors} />
              <Flex justify="space-between" align="center" gap={12}>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ sharePercent: Math.max(1, 100 - total) })}>
                  {t('owner.addOwner')}
                </Button>
                <Typography.Text type={total === 100 ? 'success' : 'warning'}>{t('owner.shareTotal', { n: total })}</Typography.Text>
              </Flex>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
