import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { HANDOVER_RESULT_LABELS, HANDOVER_STATUS_LABELS, HANDOVER_TYPE_LABELS } from '../../../core/field-labels.ts';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Handover } from './field-api.ts';

// The new-inspection form and an inspection's drawer (its defects and forms) are fetched when first opened.
const NewHandoverModal = lazyDialog(() => import('./handover/HandoverDialogs.tsx').then((m) => m.NewHandoverModal), (p) => p.open);
const HandoverDrawer = lazyDialog(() => import('./handover/HandoverDialogs.tsx').then((m) => m.HandoverDrawer), () => true);

const options = (labels: Record<string, { zh: string; en: string }>, side: 'zh' | 'en') => Object.entries(labels).map(([value, l]) => ({ value, label: l[side] }));

/** 验房与遗留问题 (manual 3.12): inspections and the defects followed until verified. */
export default function HandoverPage() {
  const { t, label, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const { estateId, can } = useSession();
  const [status, setStatus] = useState<string | undefined>();
  const list = useQuery({ queryKey: ['handovers', estateId, status], queryFn: () => api<ListResponse<Handover>>('/api/v1/field/handovers', { query: { estateId, status, pageSize: 100 } }), enabled: !!estateId });
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<Handover> = [
    { title: t('field.unit'), dataIndex: 'unitLabel', width: 110, render: (v: string, r) => <a onClick={() => setOpenId(r.id)}>{v}</a> },
    { title: t('field.handoverType'), dataIndex: 'type', width: 120, render: (v: string) => label(HANDOVER_TYPE_LABELS, v) },
    { title: t('field.scheduledAt'), dataIndex: 'scheduledAt', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    { title: t('field.result'), dataIndex: 'result', width: 130, render: (v: string | null) => (v ? label(HANDOVER_RESULT_LABELS, v) : '—') },
    { title: t('field.openDefects'), dataIndex: 'openDefects', width: 90 },
    { title: t('field.ticket'), dataIndex: 'ticketNumber', width: 120, render: (v: string | null, r) => (v ? <Link to={`/desk/tickets/${r.ticketId}`}>{v}</Link> : '—') },
    { title: t('field.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'closed' ? 'green' : v === 'inspected' ? 'orange' : 'blue'}>{label(HANDOVER_STATUS_LABELS, v)}</Tag> },
  ];
  return (
    <>
      <PageHeader title={t('field.handovers')} subtitle={t('field.handoversSub')}
        extra={can('handover.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('field.newHandover')}</Button>} />
      <Card size="small">
        <Select allowClear placeholder={t('field.status')} style={{ width: 200, marginBottom: 12 }} options={options(HANDOVER_STATUS_LABELS, side)} value={status} onChange={setStatus} />
        <Table rowKey="id" size="small" columns={columns} dataSource={list.data?.items} loading={list.isPending} pagination={false} scroll={{ x: 800 }} />
      </Card>
      {openId != null && <HandoverDrawer h={list.data?.items.find((x) => x.id === openId)} onClose={() => setOpenId(null)} />}
      <NewHandoverModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
