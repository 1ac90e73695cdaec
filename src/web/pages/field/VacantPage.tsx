import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Radio, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CHECK_RESULT_LABELS, VACANT_REASON_LABELS } from '../../../core/field-labels.ts';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Registration } from './field-api.ts';

// The register form and a unit's drawer (its checks, the check and end forms) are fetched when first opened.
const RegisterVacantModal = lazyDialog(() => import('./vacant/VacantDialogs.tsx').then((m) => m.RegisterVacantModal), (p) => p.open);
const VacantDrawer = lazyDialog(() => import('./vacant/VacantDialogs.tsx').then((m) => m.VacantDrawer), () => true);

/** 空置房 (manual 4.8): the register (5.9), checks with sign-in (5.10) and record (5.11). */
export default function VacantPage() {
  const { t, label } = useI18n();
  const { estateId, can } = useSession();
  const [state, setState] = useState<'active' | 'due' | 'ended' | 'all'>('active');
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['vacant', estateId, state, page], queryFn: () => api<ListResponse<Registration>>('/api/v1/field/vacant', { query: { estateId, state, page, pageSize: 20 } }), enabled: !!estateId });
  const [openId, setOpenId] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const columns: TableColumnsType<Registration> = [
    { title: t('field.unit'), dataIndex: 'unitLabel', width: 110, render: (v: string, r) => <a onClick={() => setOpenId(r.id)} data-testid={`vacant-${v}`}>{v}</a> },
    { title: t('field.registeredOn'), dataIndex: 'registeredOn', width: 110 },
    { title: t('field.reason'), dataIndex: 'reason', width: 130, render: (v: string) => label(VACANT_REASON_LABELS, v) },
    { title: t('field.keys'), key: 'k', width: 150, render: (_: unknown, r) => (r.keyHeld ? `${r.keyNo} · ${r.keyStorage ?? ''}` : t('field.keyNotHeld')) },
    { title: t('field.valves'), dataIndex: 'valvesClosed', width: 80, render: (v: boolean) => (v ? t('field.closed') : t('field.open')) },
    { title: t('field.interval'), dataIndex: 'checkIntervalDays', width: 80, render: (v: number) => t('field.days', { n: v }) },
    { title: t('field.lastCheck'), key: 'l', width: 150, render: (_: unknown, r) => (r.lastCheckOn ? <Space size={4}>{r.lastCheckOn}<Tag color={r.lastResult === 'pass' ? 'green' : 'red'}>{label(CHECK_RESULT_LABELS, r.lastResult)}</Tag></Space> : '—') },
    { title: t('field.nextCheck'), dataIndex: 'nextCheckOn', width: 130, render: (v: string, r) => (r.endedOn ? `${t('field.ended')} ${r.endedOn}` : <span className={r.due ? 'wd-overdue' : undefined}>{v}{r.due ? ` · ${t('field.due')}` : ''}</span>) },
  ];
  return (
    <>
      <PageHeader title={t('field.vacant')} subtitle={t('field.vacantSub')}
        extra={
          <Space>
            <Link to="/print/field/vacant-register"><Button icon={<PrinterOutlined />}>{t('field.form59')}</Button></Link>
            <Link to="/print/field/vacant-register?blank=1"><Button>{t('field.blankForm')}</Button></Link>
            {can('vacant.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="vacant-register">{t('field.register')}</Button>}
          </Space>
        } />
      <Card size="small">
        <Radio.Group value={state} onChange={(e) => { setState(e.target.value); setPage(1); }} optionType="button" style={{ marginBottom: 12 }}
          options={[{ value: 'active', label: t('field.stateActive') }, { value: 'due', label: t('field.stateDue') }, { value: 'ended', label: t('field.stateEnded') }, { value: 'all', label: t('field.stateAll') }]} />
        <Table rowKey="id" size="small" columns={columns} dataSource={list.data?.items} loading={list.isPending} scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('common.total', { n }) }} />
      </Card>
      {openId != null && <VacantDrawer id={openId} onClose={() => setOpenId(null)} />}
      <RegisterVacantModal open={registering} onClose={() => setRegistering(false)} />
    </>
  );
}
