import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Flex, Form, Input, Modal, Progress, Segmented, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { RoundsStaff, Task, TaskDetail } from '../../api/rounds-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { TaskStatusTag } from './common.tsx';

const todayChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 任务看板: a day's round tasks by status; transfer (转单) and make-up (补检). */
export default function TaskBoardPage() {
  const { t } = useI18n();
  const { estateId, can } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? todayChina();
  const status = params.get('status') ?? '';
  const [open, setOpen] = useState<number | null>(null);
  const [transfer, setTransfer] = useState<Task | null>(null);
  const list = useQuery({ queryKey: ['rounds-tasks', estateId, date], queryFn: () => api<ListResponse<Task>>('/api/v1/rounds/tasks', { query: { estateId, date } }), enabled: !!estateId });
  const rows = (list.data?.items ?? []).filter((x) => !status || x.status === status);
  const counts = new Map<string, number>();
  for (const x of list.data?.items ?? []) counts.set(x.status, (counts.get(x.status) ?? 0) + 1);
  const refresh = () => qc.invalidateQueries({ queryKey: ['rounds-tasks'] });
  const makeup = async (id: number) => {
    try {
      await api(`/api/v1/rounds/tasks/${id}/makeup`, { body: {} });
      message.success(t('rounds.makeupDone'));
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title={t('nav.roundsTasks')}
        subtitle={t('rounds.subtitleTasks')}
        extra={<Input type="date" value={date} onChange={(e) => set('date', e.target.value)} style={{ width: 160 }} data-testid="tasks-date" />}
      />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => set('status', String(v))}
          options={[{ value: '', label: `${t('rounds.allStatuses')} ${list.data?.items.length ?? 0}` }, ...['pending', 'in_progress', 'done', 'partial', 'missed'].map((s) => ({ value: s, label: `${t(`rounds.status.${s}` as MessageKey)} ${counts.get(s) ?? 0}` }))]}
        />
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Task>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('rounds.noTasks') }}
            data-testid="tasks-table"
            scroll={{ x: 900 }}
            columns={[
              { title: t('rounds.plan'), dataIndex: 'planName', render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}{r.makeupOf ? <Tag style={{ marginLeft: 6 }}>{t('rounds.makeupOf')}</Tag> : null}</a> },
              { title: t('rounds.slot'), dataIndex: 'slotStart', width: 150, render: (v: string, r) => `${formatInstant(v, 'HH:mm')}–${formatInstant(r.slotEnd, 'HH:mm')}` },
              { title: t('rounds.assignee'), dataIndex: 'assigneeName', width: 170, ellipsis: true, render: (v: string | null) => v ?? '—' },
              { title: t('rounds.status'), dataIndex: 'status', width: 100, render: (v: string) => <TaskStatusTag status={v} /> },
              { title: t('rounds.progress'), key: 'p', width: 170, render: (_: unknown, r) => <Progress size="small" percent={r.total ? Math.round((r.done / r.total) * 100) : 0} format={() => `${r.done}/${r.total}`} status={r.missed ? 'exception' : undefined} /> },
              { title: t('rounds.unverified'), dataIndex: 'unverified', width: 80, render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : '—') },
              {
                title: t('common.actions'),
                key: 'op',
                width: 150,
                render: (_: unknown, r) => (
                  <Flex gap={4}>
                    {['pending', 'in_progress'].includes(r.status) && <Button size="small" onClick={() => setTransfer(r)} data-testid={`task-transfer-${r.id}`}>{t('rounds.transfer')}</Button>}
                    {['partial', 'missed'].includes(r.status) && !r.makeupOf && can('rounds.supervise') && <Button size="small" onClick={() => makeup(r.id)}>{t('rounds.makeup')}</Button>}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      {open != null && <TaskDrawer id={open} onClose={() => setOpen(null)} />}
      {transfer && <TransferModal task={transfer} onClose={() => setTransfer(null)} onDone={refresh} />}
    </>
  );
}

function TaskDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useI18n();
  const detail = useQuery({ queryKey: ['rounds-task', id], queryFn: () => api<TaskDetail>(`/api/v1/rounds/tasks/${id}`) });
  const d = detail.data;
  return (
    <Drawer open width={760} onClose={onClose} title={d ? `${d.planName} · ${formatInstant(d.slotStart, 'MM-DD HH:mm')}` : ''}>
      {detail.error && <ErrorResult error={detail.error} />}
      {d && (
        <>
          <Descriptions size="small" column={3} items={[
            { label: t('rounds.status'), children: <TaskStatusTag status={d.status} /> },
            { label: t('rounds.assignee'), children: d.assigneeName ?? '—' },
            { label: t('rounds.progress'), children: `${d.done}/${d.total}` },
          ]} />
          <Table
            style={{ marginTop: 12 }}
            rowKey="checkpointId"
            size="small"
            pagination={false}
            dataSource={d.points}
            columns={[
              { title: '#', dataIndex: 'seq', width: 40 },
              { title: t('rounds.checkpoint'), dataIndex: 'name', render: (v: string, r) => `${r.code} ${v}` },
              { title: t('rounds.status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'done' ? 'green' : v === 'missed' ? 'red' : 'default'}>{t(`rounds.status.${v}` as MessageKey)}</Tag> },
              { title: t('rounds.observedAt'), key: 'at', width: 80, render: (_: unknown, r) => (r.result ? formatInstant(r.result.observedAt, 'HH:mm') : '—') },
              { title: t('rounds.timing'), key: 'tm', width: 80, render: (_: unknown, r) => (r.result?.timing ? t(`rounds.timing.${r.result.timing}` as MessageKey) : '—') },
              {
                title: t('rounds.method'),
                key: 'm',
                width: 200,
                render: (_: unknown, r) =>
                  r.result ? (
                    <span>
                      {t(`rounds.scan.${r.result.scanMethod}` as MessageKey)}
                      {r.result.manualReason ? `：${r.result.manualReason}` : ''}
                      {r.result.lateSync && <Tag color="purple" style={{ marginLeft: 4 }}>{t('rounds.lateSync')}</Tag>}
                      {r.result.far && <Tag color="orange">{t('rounds.far')}</Tag>}
                      {r.result.outOfSequence && <Tag>{t('rounds.outOfSequence')}</Tag>}
                    </span>
                  ) : '—',
              },
              { title: t('rounds.by'), key: 'by', width: 120, ellipsis: true, render: (_: unknown, r) => r.result?.byName ?? '—' },
            ]}
          />
          {d.extraResults > 0 && <p className="wd-muted">{t('rounds.extraResults', { n: d.extraResults })}</p>}
          {d.transfers.length > 0 && (
            <Descriptions title={t('rounds.transfers')} size="small" column={1} style={{ marginTop: 12 }} items={d.transfers.map((x, i) => ({ key: i, label: formatInstant(x.at, 'MM-DD HH:mm'), children: `${x.fromName ?? '—'} → ${x.toName}：${x.reason}（${x.byName ?? ''}）` }))} />
          )}
        </>
      )}
    </Drawer>
  );
}

function TransferModal({ task, onClose, onDone }: { task: Task; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { estateId } = useSession();
  const [form] = Form.useForm<{ toUserId: number; reason: string }>();
  const staff = useQuery({ queryKey: ['rounds-staff', estateId], queryFn: () => api<ListResponse<RoundsStaff>>('/api/v1/rounds/staff', { query: { estateId } }) });
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api(`/api/v1/rounds/tasks/${task.id}/transfer`, { body: v });
    await onDone();
    onClose();
  });
  return (
    <Modal open title={`${t('rounds.transfer')} · ${task.planName}`} onCancel={onClose} onOk={submit} confirmLoading={busy}>
      <Form form={form} layout="vertical">
        <Form.Item name="toUserId" label={t('rounds.transferTo')} rules={[{ required: true }]}>
          <Select options={(staff.data?.items ?? []).filter((u) => u.id !== task.assigneeId).map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('rounds.reason')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
