import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Modal, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SIGN_CATEGORY_LABELS, SIGN_PLACE_LABELS, SIGN_STATUS_LABELS } from '../../../core/field-labels.ts';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { lazyPart } from '../../components/lazyParts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Sign, SignGroup } from './field-api.ts';
import { useSave } from './useSave.ts';

// The requests and checks tabs (their forms and date pickers) are fetched when first shown.
const Requests = lazyPart(() => import('./signs/MoreTabs.tsx').then((m) => m.Requests));
const Checks = lazyPart(() => import('./signs/MoreTabs.tsx').then((m) => m.Checks));

export const STATUS_COLOR: Record<string, string> = { approved: 'gold', active: 'green', defective: 'red', removed: 'default', draft: 'default', submitted: 'blue', rejected: 'red' };
export const options = (labels: Record<string, { zh: string; en: string }>, side: 'zh' | 'en') => Object.entries(labels).map(([value, l]) => ({ value, label: l[side] }));

/** 标识 (manual 4.3): the registry, the 《标识使用清单》 requests and the twice-daily checks. */
export default function SignsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'registry';
  return (
    <>
      <PageHeader title={t('field.signs')} subtitle={t('field.signsSub')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'registry', label: t('field.signRegistry'), children: <Registry /> },
          { key: 'requests', label: t('field.signRequests'), children: <Requests /> },
          { key: 'checks', label: t('field.signChecks'), children: <Checks /> },
        ]}
      />
    </>
  );
}

export function useGroups() {
  const { estateId } = useSession();
  return useQuery({ queryKey: ['sign-groups', estateId], queryFn: () => api<{ items: SignGroup[] }>('/api/v1/field/sign-groups', { query: { estateId } }), enabled: !!estateId });
}

function Registry() {
  const { t, label, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const { estateId, can } = useSession();
  const [f, setF] = useState<{ category?: string; place?: string; status?: string; groupId?: number; q?: string; page: number }>({ page: 1 });
  const groups = useGroups();
  const list = useQuery({ queryKey: ['signs', estateId, f], queryFn: () => api<ListResponse<Sign>>('/api/v1/field/signs', { query: { estateId, ...f, pageSize: 20 } }), enabled: !!estateId });
  const save = useSave(['signs', 'sign-groups']);
  const [removing, setRemoving] = useState<Sign | null>(null);
  const [reason, setReason] = useState('');
  const [grouping, setGrouping] = useState(false);
  const [gform] = Form.useForm();
  const columns: TableColumnsType<Sign> = [
    { title: t('field.code'), dataIndex: 'code', width: 92, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('field.category'), dataIndex: 'category', width: 130, render: (v: string) => label(SIGN_CATEGORY_LABELS, v) },
    { title: t('field.place'), dataIndex: 'place', width: 140, ellipsis: true, render: (v: string) => label(SIGN_PLACE_LABELS, v) },
    { title: t('field.group'), dataIndex: 'groupName', width: 140, ellipsis: true },
    { title: t('field.location'), dataIndex: 'location', ellipsis: true },
    { title: t('field.content'), dataIndex: 'content', ellipsis: true },
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: 150,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[v]}>{label(SIGN_STATUS_LABELS, v)}</Tag>
          {r.temporary && <Tag color="orange">{t('field.temporaryUntil', { date: r.expiresOn ?? '' })}</Tag>}
          {r.ticketNumber && r.status === 'defective' && <Link to={`/desk/tickets/${r.ticketId}`}>{r.ticketNumber}</Link>}
        </Space>
      ),
    },
    ...(can('sign.write')
      ? [
          {
            title: t('common.actions'),
            key: 'op',
            width: 150,
            render: (_: unknown, r: Sign) => (
              <Space size={4}>
                {(r.status === 'approved' || r.status === 'defective') && (
                  <Button size="small" data-testid={`activate-${r.code}`} loading={save.busy} onClick={() => save.run(() => api(`/api/v1/field/signs/${r.id}/activate`, { body: {} }))}>
                    {r.status === 'approved' ? t('field.install') : t('field.repaired')}
                  </Button>
                )}
                {r.status !== 'removed' && (
                  <Button size="small" danger onClick={() => { setRemoving(r); setReason(''); }}>
                    {t('field.remove')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('field.category')} style={{ width: 170 }} options={options(SIGN_CATEGORY_LABELS, side)} value={f.category} onChange={(v) => setF({ ...f, category: v, page: 1 })} data-testid="filter-category" />
        <Select allowClear placeholder={t('field.place')} style={{ width: 200 }} options={options(SIGN_PLACE_LABELS, side)} value={f.place} onChange={(v) => setF({ ...f, place: v, page: 1 })} />
        <Select allowClear placeholder={t('field.status')} style={{ width: 140 }} options={options(SIGN_STATUS_LABELS, side)} value={f.status} onChange={(v) => setF({ ...f, status: v, page: 1 })} />
        <Select allowClear placeholder={t('field.group')} style={{ width: 180 }} options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.signCount})` }))} value={f.groupId} onChange={(v) => setF({ ...f, groupId: v, page: 1 })} />
        <Input.Search allowClear placeholder={t('field.searchSign')} style={{ width: 200 }} onSearch={(q) => setF({ ...f, q: q || undefined, page: 1 })} />
        <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
          {can('sign.write') && <Button onClick={() => setGrouping(true)}>{t('field.newGroup')}</Button>}
          <Link to={`/print/field/sign-labels${f.groupId ? `?groupId=${f.groupId}` : ''}`}>
            <Button icon={<PrinterOutlined />} data-testid="print-labels">{t('field.labels')}</Button>
          </Link>
        </Flex>
      </Flex>
      <Table rowKey="id" size="small" columns={columns} dataSource={list.data?.items} loading={list.isPending} scroll={{ x: 1000 }}
        pagination={{ current: f.page, pageSize: 20, total: list.data?.total, showSizeChanger: false, onChange: (page) => setF({ ...f, page }), showTotal: (n) => t('common.total', { n }) }} />
      <Modal open={!!removing} title={t('field.removeTitle', { code: removing?.code ?? '' })} onCancel={() => setRemoving(null)} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: save.busy }}
        onOk={async () => { if (await save.run(() => api(`/api/v1/field/signs/${removing!.id}/remove`, { body: { reason } }))) setRemoving(null); }}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('field.removeReason')} />
      </Modal>
      <Modal open={grouping} title={t('field.newGroup')} onCancel={() => setGrouping(false)} confirmLoading={save.busy} onOk={() => gform.submit()} destroyOnHidden>
        <Form form={gform} layout="vertical" onFinish={async (v) => { if (await save.run(() => api('/api/v1/field/sign-groups', { body: { estateId, ...v } }), gform)) setGrouping(false); }}>
          <Form.Item name="name" label={t('field.groupName')} rules={[{ required: true }]}><Input maxLength={64} /></Form.Item>
          <Form.Item name="location" label={t('field.location')}><Input maxLength={200} /></Form.Item>
          <AreaSelect />
        </Form>
      </Modal>
    </Card>
  );
}

export function AreaSelect() {
  const { t } = useI18n();
  const { me, estateId } = useSession();
  const areas = me.estates.find((e) => e.id === estateId)?.areas ?? [];
  return (
    <Form.Item name="areaId" label={t('field.area')}>
      <Select allowClear options={areas.map((a) => ({ value: a.id, label: a.name }))} />
    </Form.Item>
  );
}
