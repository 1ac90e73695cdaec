/** 业主请管家上门 on the visit plan page: waiting requests, put onto a day's plan or declined with a reason. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Modal, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { OWNER_VISIT_TOPIC_LABELS, TIME_BAND_LABELS } from '../../../core/relations-labels.ts';
import { api } from '../../api/client.ts';
import type { OwnerVisit } from '../../api/relations-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';

export function OwnerVisitRequests({ onScheduled }: { onScheduled: () => void }) {
  const { t, label } = useI18n();
  const { estateId, can } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [dialog, setDialog] = useState<{ kind: 'schedule' | 'decline'; r: OwnerVisit } | null>(null);
  const [form] = Form.useForm<{ date?: string; reason?: string }>();
  const list = useQuery({ queryKey: ['owner-visits', estateId], queryFn: () => api<ListResponse<OwnerVisit>>('/api/v1/owner-visit-requests', { query: { estateId, status: 'pending', pageSize: 50 } }), enabled: !!estateId });
  const act = useMutation({
    mutationFn: (v: { date?: string; reason?: string }) =>
      api(`/api/v1/owner-visit-requests/${dialog!.r.id}/${dialog!.kind}`, { body: dialog!.kind === 'schedule' ? { date: v.date } : { reason: v.reason } }),
    onSuccess: () => {
      message.success(t('rn.done'));
      setDialog(null);
      void qc.invalidateQueries({ queryKey: ['owner-visits'] });
      onScheduled();
    },
    onError: (e) => reportError(e, form),
  });
  if (!list.data?.items.length) return null;
  const columns: TableColumnsType<OwnerVisit> = [
    { title: t('act.unitId'), dataIndex: 'unitLabel', width: 100, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('rel.ov.household'), dataIndex: 'householdName', width: 110 },
    { title: t('rel.ov.wanted'), key: 'when', width: 220, render: (_: unknown, r) => `${r.preferredDates.join('、')} ${label(TIME_BAND_LABELS, r.timeBand)}` },
    { title: t('rel.ov.topic'), dataIndex: 'topic', width: 100, render: (v: string) => <Tag>{label(OWNER_VISIT_TOPIC_LABELS, v)}</Tag> },
    { title: t('rel.ov.note'), dataIndex: 'note', ellipsis: true },
    {
      key: 'act',
      width: 170,
      render: (_: unknown, r) =>
        can('visit.write') && (
          <Flex gap={4}>
            <Button size="small" type="primary" onClick={() => (form.setFieldsValue({ date: r.preferredDates.find((d) => d >= dayjs().format('YYYY-MM-DD')) ?? dayjs().format('YYYY-MM-DD'), reason: '' }), setDialog({ kind: 'schedule', r }))} data-testid="ov-schedule">
              {t('rel.ov.schedule')}
            </Button>
            <Button size="small" onClick={() => (form.setFieldsValue({ reason: '' }), setDialog({ kind: 'decline', r }))} data-testid="ov-decline">
              {t('rel.ov.decline')}
            </Button>
          </Flex>
        ),
    },
  ];
  return (
    <Card size="small" title={<>{t('rel.ov.staffTitle')} <Tag color="orange">{list.data.total}</Tag></>} style={{ marginBottom: 16 }} data-testid="owner-visits">
      <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={list.data.items} scroll={{ x: 800 }} />
      <Modal open={!!dialog} title={dialog && `${dialog.r.unitLabel} · ${t(dialog.kind === 'schedule' ? 'rel.ov.schedule' : 'rel.ov.decline')}`} onCancel={() => setDialog(null)} onOk={() => form.submit()} confirmLoading={act.isPending} forceRender>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => act.mutate(v)}>
          {dialog?.kind === 'schedule' ? (
            <Form.Item name="date" label={t('rel.ov.date')} rules={[{ required: true, message: t('form.required') }]}>
              <Input type="date" min={dayjs().format('YYYY-MM-DD')} data-testid="ov-schedule-date" />
            </Form.Item>
          ) : (
            <Form.Item name="reason" label={t('rel.ov.declineReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input.TextArea rows={2} maxLength={200} data-testid="ov-decline-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
