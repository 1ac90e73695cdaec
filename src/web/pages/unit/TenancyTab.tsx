import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Col, DatePicker, Drawer, Empty, Flex, Form, Input, InputNumber, Row, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PHONE_PATTERN } from '../../../core/mask.ts';
import { api } from '../../api/client.ts';
import type { Archive, Tenancy } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DrawerActions } from '../../components/DrawerActions.tsx';
import { formatDate, formatFen, today, yuanToFen } from '../../components/format.ts';
import { Reveal } from '../../components/Reveal.tsx';
import { useResetOnOpen } from '../../components/forms.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { type T, useI18n } from '../../i18n/index.tsx';
import { EndDateModal } from './EndDateModal.tsx';

export function tenancyState(x: Tenancy, t: T): { color: string; text: string } {
  if (x.terminatedOn) return { color: 'default', text: t('tenancy.terminated', { date: formatDate(x.terminatedOn) }) };
  if (x.active) return { color: 'green', text: t('tenancy.active') };
  if (x.startOn > today()) return { color: 'blue', text: t('tenancy.upcoming') };
  return { color: 'orange', text: t('tenancy.expired') };
}

/** 租赁: leases of the unit, rent shown in yuan (stored in fen), with register / terminate. */
export function TenancyTab({ archive, onChanged }: { archive: Archive; onChanged: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const writable = can('household.write');
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<Tenancy | null>(null);
  const rows = [...archive.tenancies].sort((a, b) => Number(!!a.terminatedOn) - Number(!!b.terminatedOn) || (a.startOn < b.startOn ? 1 : -1));

  const columns: TableColumnsType<Tenancy> = [
    { title: t('tenancy.tenant'), dataIndex: 'tenantName', width: 110, fixed: 'left', render: (v: string) => <strong>{v}</strong> },
    { title: t('tenancy.phone'), dataIndex: 'phone', width: 190, render: (v: string | null, x) => <Reveal kind="tenancy" id={x.id} field="phone" masked={v} /> },
    {
      title: t('tenancy.period'),
      key: 'period',
      width: 210,
      render: (_: unknown, x) => `${formatDate(x.startOn)} ~ ${formatDate(x.endOn)}`,
    },
    { title: t('tenancy.monthlyRent'), dataIndex: 'monthlyRent', width: 120, align: 'right', render: (v: number) => <span className="wd-mono">{formatFen(v)}</span> },
    { title: t('tenancy.deposit'), dataIndex: 'deposit', width: 120, align: 'right', render: (v: number) => <span className="wd-mono">{formatFen(v)}</span> },
    { title: t('tenancy.agent'), dataIndex: 'agent', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('tenancy.state'),
      key: 'state',
      width: 150,
      render: (_: unknown, x) => {
        const s = tenancyState(x, t);
        return <Tag color={s.color}>{s.text}</Tag>;
      },
    },
    { title: t('common.notes'), dataIndex: 'notes', render: (v: string | null) => <span className="wd-pre">{v ?? '—'}</span> },
    ...(writable
      ? ([
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            fixed: 'right',
            render: (_: unknown, x: Tenancy) =>
              x.terminatedOn ? null : (
                <Button size="small" type="link" danger icon={<StopOutlined />} onClick={() => setEnding(x)} data-testid="terminate-tenancy">
                  {t('tenancy.terminate')}
                </Button>
              ),
          },
        ] as TableColumnsType<Tenancy>)
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" className="wd-section-bar" style={{ marginTop: 0 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('tenancy.title')}
        </Typography.Title>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="add-tenancy">
            {t('tenancy.add')}
          </Button>
        )}
      </Flex>
      <Table<Tenancy>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tenancy.none')} /> }}
        data-testid="tenancies-table"
      />
      {writable && (
        <>
          <TenancyDrawer open={creating} archive={archive} onClose={() => setCreating(false)} onDone={onChanged} />
          <EndDateModal
            open={ending !== null}
            title={t('tenancy.terminateTitle', { name: ending?.tenantName ?? '' })}
            description={t('tenancy.terminateHint')}
            dateLabel={t('tenancy.terminatedOn')}
            dateField="terminatedOn"
            okText={t('tenancy.terminate')}
            onClose={() => setEnding(null)}
            onSubmit={async (body) => {
              await api(`/api/v1/tenancies/${ending!.id}/terminate`, { body });
              message.success(t('common.saved'));
              await onChanged();
            }}
          />
        </>
      )}
    </>
  );
}

interface TenancyValues {
  tenantName: string;
  phone?: string;
  idNumber?: string;
  startOn: Dayjs;
  endOn: Dayjs;
  monthlyRent: number;
  deposit?: number;
  agent?: string;
  notes?: string;
  linkHousehold?: boolean;
}

function TenancyDrawer({ open, archive, onClose, onDone }: { open: boolean; archive: Archive; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TenancyValues>();
  useResetOnOpen(form, open);

  const { busy, submit } = useFormSubmit(form, async (v) => {
    const text = (s?: string) => (s?.trim() ? s.trim() : null);
    await api('/api/v1/tenancies', {
      body: {
        unitId: archive.unit.id,
        householdId: v.linkHousehold && archive.household ? archive.household.id : null,
        tenantName: v.tenantName.trim(),
        phone: text(v.phone),
        idNumber: text(v.idNumber),
        startOn: v.startOn.format('YYYY-MM-DD'),
        endOn: v.endOn.format('YYYY-MM-DD'),
        monthlyRent: yuanToFen(v.monthlyRent),
        deposit: yuanToFen(v.deposit),
        agent: text(v.agent),
        notes: text(v.notes),
      },
    });
    message.success(t('tenancy.added', { name: v.tenantName }));
    await onDone();
    onClose();
  });

  return (
    <Drawer
      open={open}
      size={640}
      title={t('tenancy.addTitle', { unit: archive.unit.label })}
      onClose={onClose}
      destroyOnHidden
      extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} />}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ startOn: dayjs(), endOn: dayjs().add(1, 'year').subtract(1, 'day'), deposit: 0 }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="tenantName" label={t('tenancy.tenant')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('tenancy.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('form.phone') }]}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="idNumber" label={t('member.idNumber')}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="agent" label={t('tenancy.agent')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="startOn" label={t('tenancy.startOn')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="endOn"
              label={t('tenancy.endOn')}
              dependencies={['startOn']}
              rules={[
                { required: true, message: t('form.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | undefined) =>
                    !value || !getFieldValue('startOn') || !value.isBefore(getFieldValue('startOn'), 'day') ? Promise.resolve() : Promise.reject(new Error(t('form.dateOrder'))),
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="monthlyRent" label={t('tenancy.monthlyRentYuan')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} max={10_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="deposit" label={t('tenancy.depositYuan')}>
              <InputNumber min={0} max={10_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {archive.household && (
            <Col span={24}>
              <Form.Item name="linkHousehold" valuePropName="checked">
                <Checkbox>{t('tenancy.linkHousehold', { name: archive.household.name })}</Checkbox>
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label={t('common.notes')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
