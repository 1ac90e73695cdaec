import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Image, List, Select, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DEPOSIT_ENTRY_LABELS, EXTENSION_STATUS_LABELS, RENO_EVENT_LABELS, VIOLATION_CATEGORY_LABELS } from '../../../core/renovation-labels.ts';
import { api } from '../../api/client.ts';
import type { Deposit, Renovation, RenovationDetail } from '../../api/reno-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { formatDateTime, formatFen } from '../../components/format.ts';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PhotoUpload } from '../reno/RenoModals.tsx';
import { RenoForm, type RenoFormValues, renoBody, renoFieldOf } from '../reno/RenoForm.tsx';
import { ExtensionModal, ReviseModal } from '../reno/RenoMore.tsx';
import { OverdueTag, RenoStatusTag, ViolationTag } from '../reno/RenoTags.tsx';
import { PortalListState } from './PortalListState.tsx';

/** 我的装修: the owner's renovations; apply for one. */
export function PortalRenovations() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['portal-renovations'], queryFn: () => api<ListResponse<Renovation>>('/api/v1/portal/renovations') });
  return (
    <>
      <Flex justify="space-between" align="center" className="wd-portal-h1">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('reno.portal.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/renovations/new')} data-testid="portal-reno-new">{t('reno.portal.apply')}</Button>
      </Flex>
      <PortalListState query={list} rows={4} isEmpty={(d) => !d.items.length} empty={t('reno.portal.none')}>
        {(data) => (
          <Card>
            <List dataSource={data.items} renderItem={(r) => (
              <List.Item onClick={() => navigate(`/portal/renovations/${r.id}`)} style={{ cursor: 'pointer' }} data-testid={`portal-reno-${r.id}`}>
                <List.Item.Meta title={<Flex gap={8} align="center" wrap><span className="wd-mono">{r.number}</span><RenoStatusTag status={r.status} /><OverdueTag since={r.overdueSince} /></Flex>} description={`${r.unitLabel} · ${r.plannedStart} ~ ${r.plannedEnd} · ${r.contractor}`} />
              </List.Item>
            )} />
          </Card>
        )}
      </PortalListState>
    </>
  );
}

export function PortalRenovationNew() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const report = useReportError();
  const [form] = Form.useForm<RenoFormValues & { unitId?: number }>();
  const home = useQuery({ queryKey: ['portal-home'], queryFn: () => api<{ units: Array<{ unit: { id: number; label: string; areaName: string | null } }> }>('/api/v1/portal/home') });
  const units = home.data?.units.map((a) => a.unit) ?? [];
  const save = useMutation({
    mutationFn: (v: RenoFormValues & { unitId?: number }) => {
      const { unitId, ...rest } = v;
      return api<RenovationDetail>('/api/v1/portal/renovations', { body: { unitId: unitId ?? units[0]?.id, ...renoBody(rest) } });
    },
    onSuccess: (r) => navigate(`/portal/renovations/${r.id}`),
    onError: (err) => report(err, form, renoFieldOf),
  });
  return (
    <Card title={t('reno.portal.apply')}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'full', applicantKind: 'owner', touchesStructure: false, scope: [], workers: [] }} onFinish={(v) => save.mutate(v)} data-testid="portal-reno-form">
        {units.length > 1 && (
          <Form.Item name="unitId" label={t('reno.unit')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={units.map((u) => ({ value: u.id, label: `${u.areaName ?? ''} ${u.label}`.trim() }))} />
          </Form.Item>
        )}
        <RenoForm form={form as never} portal />
        <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="portal-reno-submit">{t('reno.submit')}</Button>
      </Form>
    </Card>
  );
}

export function PortalRenovation() {
  const { t, label } = useI18n();
  const { id } = useParams();
  const qc = useQueryClient();
  const report = useReportError();
  const r = useQuery({ queryKey: ['portal-renovation', Number(id)], queryFn: () => api<RenovationDetail>(`/api/v1/portal/renovations/${id}`) });
  const depositId = r.data?.depositIds.at(-1);
  const d = useQuery({ queryKey: ['portal-deposit', depositId], queryFn: () => api<Deposit>(`/api/v1/portal/deposits/${depositId}`), enabled: !!depositId });
  const [photos, setPhotos] = useState<Record<number, string[]>>({});
  const [dialog, setDialog] = useState<null | 'revise' | 'extend'>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['portal-renovation'] });
  const post = useMutation({ mutationFn: ({ url, body }: { url: string; body: unknown }) => api(url, { body }), onSuccess: refresh, onError: (e) => report(e) });
  if (r.isPending) return <Card><CardSkeleton /></Card>;
  if (r.error) return <ErrorResult error={r.error} />;
  const x = r.data;
  return (
    <Flex vertical gap={12}>
      <Card title={<Flex gap={8} align="center" wrap><span className="wd-mono">{x.number}</span><RenoStatusTag status={x.status} /><OverdueTag since={x.overdueSince} /></Flex>}>
        <div>{x.unitLabel} · {x.contractor}</div>
        <div className="wd-muted">{x.plannedStart} ~ {x.plannedEnd}</div>
        {x.canRevise && (
          <div style={{ marginTop: 8 }}>
            {x.decisionNote && <Typography.Paragraph type="warning" style={{ marginBottom: 6 }}>{t('reno.returnedBecause', { reason: x.decisionNote })}</Typography.Paragraph>}
            <Button type="primary" onClick={() => setDialog('revise')} data-testid="portal-reno-revise">{t('reno.revise')}</Button>
          </div>
        )}
        {['permitted', 'in_progress', 'suspended'].includes(x.status) && !x.extensions.some((e) => e.status === 'pending') && (
          <Button style={{ marginTop: 8, marginRight: 8 }} onClick={() => setDialog('extend')} data-testid="portal-reno-extend">{t('reno.extend')}</Button>
        )}
        {x.extensions.map((e) => (
          <div key={e.id} className="wd-muted" style={{ marginTop: 6 }} data-testid={`portal-extension-${e.id}`}>
            {t('reno.extensionLine', { from: e.oldEnd, to: e.newEnd })} · <Tag color={e.status === 'approved' ? 'green' : e.status === 'rejected' ? 'red' : 'gold'}>{label(EXTENSION_STATUS_LABELS, e.status)}</Tag>
          </div>
        ))}
        {x.status === 'in_progress' && <Button style={{ marginTop: 8 }} type="primary" onClick={() => post.mutate({ url: `/api/v1/portal/renovations/${x.id}/request-completion`, body: {} })} data-testid="portal-reno-complete">{t('reno.step.requestCompletion')}</Button>}
      </Card>
      {x.violations.length > 0 && (
        <Card title={t('reno.violations')}>
          {x.violations.map((v) => (
            <div key={v.id} style={{ marginBottom: 12 }}>
              <div><ViolationTag severity={v.severity} status={v.status} /> {label(VIOLATION_CATEGORY_LABELS, v.category)} {v.rectifyBy && <Tag>{t('reno.rectifyBy')} {v.rectifyBy}</Tag>}</div>
              <div className="wd-pre">{v.description}</div>
              <Image.PreviewGroup><Flex gap={6}>{v.photos.map((p) => <Image key={p.key} src={`/api/v1/portal/renovations/${x.id}/photos/${p.key}`} width={64} height={48} style={{ objectFit: 'cover' }} />)}</Flex></Image.PreviewGroup>
              {v.noticeNo && !v.acknowledgedAt && <Button size="small" onClick={() => post.mutate({ url: `/api/v1/portal/renovation-violations/${v.id}/ack`, body: { name: x.applicantName } })} data-testid={`portal-ack-${v.id}`}>{t('reno.portal.ack')}</Button>}
              {v.status === 'notice_issued' && (
                <Flex gap={6} style={{ marginTop: 6 }} wrap>
                  <PhotoUpload url={`/api/v1/portal/renovations/${x.id}/photos`} value={photos[v.id] ?? []} onChange={(p) => setPhotos({ ...photos, [v.id]: p })} />
                  <Button size="small" type="primary" disabled={!photos[v.id]?.length} onClick={() => post.mutate({ url: `/api/v1/portal/renovation-violations/${v.id}/rectified`, body: { photos: photos[v.id] } })}>{t('reno.portal.rectified')}</Button>
                </Flex>
              )}
            </div>
          ))}
        </Card>
      )}
      {d.data && (
        <Card title={t('reno.depositAmount')}>
          <div>{d.data.receiptNo} · {t('reno.balance')} <b>{formatFen(d.data.balance)}</b> {t('reno.yuan')}</div>
          {d.data.entries.map((e) => <div key={e.id} className="wd-muted">{e.businessDate} {label(DEPOSIT_ENTRY_LABELS, e.kind)} {formatFen(e.amount)} {e.reason ?? ''}</div>)}
        </Card>
      )}
      <Card title={t('reno.timeline')}>
        <Timeline items={x.timeline.map((e) => ({ key: e.id, children: <>{label(RENO_EVENT_LABELS, e.action)} <span className="wd-muted">{formatDateTime(e.at).slice(0, 16)}</span></> }))} />
      </Card>
      <ReviseModal open={dialog === 'revise'} reno={x} portal onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />
      <ExtensionModal open={dialog === 'extend'} reno={x} portal onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />
    </Flex>
  );
}
