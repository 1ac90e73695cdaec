import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Image, Input, Modal, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DEPOSIT_ENTRY_LABELS, DEPOSIT_STATUS_LABELS, RENO_EVENT_LABELS, RENO_KIND_LABELS, RENO_SCOPE_LABELS, VIOLATION_CATEGORY_LABELS } from '../../../core/renovation-labels.ts';
import { api } from '../../api/client.ts';
import type { Deposit, RenovationDetail, RenoViolation } from '../../api/reno-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime, formatFen } from '../../components/format.ts';
import { lazyDialog, lazyPart } from '../../components/lazyParts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ExtensionsCard, VersionsCard } from './RenoCards.tsx';
import { OverdueTag, RenoStatusTag, ViolationTag } from './RenoTags.tsx';

// The violation, acceptance, deposit and payout forms (steps, uploads, number fields) are fetched when first opened.
const modals = () => import('./RenoModals.tsx');
const ViolationModal = lazyDialog(() => modals().then((m) => m.ViolationModal), (p) => p.open);
const AcceptanceModal = lazyDialog(() => modals().then((m) => m.AcceptanceModal), (p) => p.open);
const DepositModal = lazyDialog(() => modals().then((m) => m.DepositModal), (p) => p.open);
const PayoutModal = lazyDialog(() => modals().then((m) => m.PayoutModal), (p) => p.open);
// The inspections table (antd's Table) loads once there is a result to list.
const RenoInspectionsTable = lazyPart(() => import('./RenoInspections.tsx').then((m) => m.RenoInspectionsTable));
// Resubmission (the whole application form) and the extension request (a date picker) likewise.
const more = () => import('./RenoMore.tsx');
const ReviseModal = lazyDialog(() => more().then((m) => m.ReviseModal), (p) => p.open);
const ExtensionModal = lazyDialog(() => more().then((m) => m.ExtensionModal), (p) => p.open);

type Step = { action: string; path: string; label: MessageKey; perm: Parameters<ReturnType<typeof useSession>['can']>[0]; reason?: 'required' | 'optional'; primary?: boolean; danger?: boolean };
const STEPS: Step[] = [
  { action: 'submit', path: 'submit', label: 'reno.step.submit', perm: 'reno.register', primary: true },
  { action: 'approve', path: 'approve', label: 'reno.step.approve', perm: 'reno.approve', reason: 'optional', primary: true },
  { action: 'return', path: 'return', label: 'reno.step.return', perm: 'reno.approve', reason: 'required' },
  { action: 'reject', path: 'reject', label: 'reno.step.reject', perm: 'reno.approve', reason: 'required', danger: true },
  { action: 'permit', path: 'permit', label: 'reno.step.permit', perm: 'reno.register', primary: true },
  { action: 'start', path: 'start', label: 'reno.step.start', perm: 'reno.inspect', primary: true },
  { action: 'suspend', path: 'suspend', label: 'reno.step.suspend', perm: 'reno.inspect', reason: 'required', danger: true },
  { action: 'resume', path: 'resume', label: 'reno.step.resume', perm: 'reno.inspect', reason: 'optional' },
  { action: 'request_completion', path: 'request-completion', label: 'reno.step.requestCompletion', perm: 'reno.register', primary: true },
  { action: 'settle', path: 'close', label: 'reno.step.close', perm: 'reno.approve' },
  { action: 'cancel', path: 'cancel', label: 'reno.step.cancel', perm: 'reno.register', reason: 'required', danger: true },
];

/** 装修详情: the application, its steps, workers, fees and deposit, daily inspections, violations, acceptance, timeline. */
export default function RenoDetailPage() {
  const { t, label } = useI18n();
  const { id } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const report = useReportError();
  const { modal } = App.useApp();
  const reno = useQuery({ queryKey: ['renovation', Number(id)], queryFn: () => api<RenovationDetail>(`/api/v1/renovations/${id}`) });
  const depositId = reno.data?.depositIds.at(-1);
  const deposit = useQuery({ queryKey: ['deposit', depositId], queryFn: () => api<Deposit>(`/api/v1/deposits/${depositId}`), enabled: !!depositId });
  const [reasonFor, setReasonFor] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const [dialog, setDialog] = useState<null | 'violation' | 'acceptance' | 'deposit' | 'payout' | 'revise' | 'extend'>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['renovation', Number(id)] });
    void qc.invalidateQueries({ queryKey: ['deposit'] });
    void qc.invalidateQueries({ queryKey: ['renovations'] });
  };
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api(`/api/v1/renovations/${id}/${path}`, { body }),
    onSuccess: () => {
      setReasonFor(null);
      setReason('');
      refresh();
    },
    onError: (err) => report(err),
  });
  const vStep = useMutation({
    mutationFn: ({ vid, body }: { vid: number; body: unknown }) => api(`/api/v1/renovation-violations/${vid}/steps`, { body }),
    onSuccess: refresh,
    onError: (err) => report(err),
  });
  const decide = useMutation({
    mutationFn: ({ rid, approve }: { rid: number; approve: boolean }) => api(`/api/v1/deposit-requests/${rid}/decide`, { body: { approve } }),
    onSuccess: refresh,
    onError: (err) => report(err),
  });
  if (reno.isPending) return <PageLoading />;
  if (reno.error) return <ErrorResult error={reno.error} />;
  const r = reno.data;
  const run = (s: Step) => (s.reason ? setReasonFor(s) : act.mutate({ path: s.path, body: {} }));
  const steps = STEPS.filter((s) => r.actions.includes(s.action) && can(s.perm));
  const d = deposit.data;
  const photoUrl = (key: string) => `/api/v1/renovations/${r.id}/photos/${key}`;

  return (
    <>
      <PageHeader
        title={<span className="wd-mono">{r.number}</span>}
        subtitle={`${r.unitLabel} · ${label(RENO_KIND_LABELS, r.kind)}`}
        tags={<><RenoStatusTag status={r.status} /><OverdueTag since={r.overdueSince} />{r.version > 1 && <Tag>v{r.version}</Tag>}</>}
        onBack={() => navigate('/reno')}
        extra={
          <Space wrap>
            {steps.map((s) => (
              <Button key={s.action} type={s.primary ? 'primary' : 'default'} danger={s.danger} loading={act.isPending} onClick={() => run(s)} data-testid={`reno-step-${s.action}`}>
                {t(s.label)}
              </Button>
            ))}
            {r.canRevise && can('reno.register') && (
              <Button type="primary" onClick={() => setDialog('revise')} data-testid="reno-revise">{t('reno.revise')}</Button>
            )}
            {['permitted', 'in_progress', 'suspended'].includes(r.status) && can('reno.register') && !r.extensions.some((e) => e.status === 'pending') && (
              <Button onClick={() => setDialog('extend')} data-testid="reno-extend">{t('reno.extend')}</Button>
            )}
            {r.status === 'approved' && !r.agreementSignedAt && can('reno.register') && (
              <Button onClick={() => act.mutate({ path: 'agreement', body: {} })} data-testid="reno-agreement">{t('reno.signAgreement')}</Button>
            )}
            {r.status === 'approved' && r.kind !== 'ac_install' && !r.feeLines.length && can('fee.bill') && (
              <Button onClick={() => act.mutate({ path: 'fees', body: {} })} data-testid="reno-fees">{t('reno.billFees')}</Button>
            )}
            {r.status === 'approved' && !depositId && r.depositAmount > 0 && can('deposit.collect') && (
              <Button onClick={() => setDialog('deposit')} data-testid="reno-deposit">{t('reno.takeDeposit')}</Button>
            )}
            {r.status === 'completion_requested' && can('reno.accept') && (
              <Button type="primary" onClick={() => setDialog('acceptance')} data-testid="reno-accept">{t('reno.acceptance')}</Button>
            )}
            {['permitted', 'in_progress', 'suspended', 'completion_requested'].includes(r.status) && can('reno.inspect') && (
              <Button danger onClick={() => setDialog('violation')} data-testid="reno-violation-new">{t('reno.newViolation')}</Button>
            )}
            {r.permitNo && <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/reno/${r.id}/permit`)} data-testid="reno-print-permit">{t('reno.printPermit')}</Button>}
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/reno/${r.id}/approval`)}>{t('reno.printApproval')}</Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('reno.application')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('reno.unit')}>{r.unitLabel} {r.areaName}</Descriptions.Item>
              <Descriptions.Item label={t('reno.applicantName')}>{r.applicantName}（{t(r.applicantKind === 'tenant' ? 'reno.tenant' : 'reno.owner')}）{r.applicantPhone}</Descriptions.Item>
              {r.ownerConsentBy && <Descriptions.Item label={t('reno.ownerConsentBy')}>{r.ownerConsentBy}</Descriptions.Item>}
              <Descriptions.Item label={t('reno.contractor')}>{r.contractor} {r.licenceNo}</Descriptions.Item>
              <Descriptions.Item label={t('reno.leadName')}>{r.leadName} {r.leadPhone}</Descriptions.Item>
              <Descriptions.Item label={t('reno.fireName')}>{r.fireName ?? '—'} {r.firePhone ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('reno.plannedDates')}>{r.plannedStart} ~ {r.plannedEnd} <OverdueTag since={r.overdueSince} /></Descriptions.Item>
              <Descriptions.Item label={t('reno.actualDates')}>{r.actualStart ?? '—'} ~ {r.actualEnd ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('reno.scope')} span={2}>{r.scope.map((s) => <Tag key={s}>{label(RENO_SCOPE_LABELS, s)}</Tag>)}{r.touchesStructure && <Tag color="red">{t('reno.structure')}</Tag>}</Descriptions.Item>
              <Descriptions.Item label={t('reno.description')} span={2}><span className="wd-pre">{r.description}</span></Descriptions.Item>
              {r.designDoc && <Descriptions.Item label={t('reno.designDoc')} span={2}>{r.designDoc}</Descriptions.Item>}
              {r.engineeringOpinion && <Descriptions.Item label={t('reno.engineeringOpinion')} span={2}>{r.engineeringOpinion}</Descriptions.Item>}
              {r.decisionNote && <Descriptions.Item label={t('reno.decisionNote')} span={2}>{r.decisionNote}</Descriptions.Item>}
              <Descriptions.Item label={t('reno.agreement')}>{r.agreementSignedAt ? formatDateTime(r.agreementSignedAt).slice(0, 16) : t('reno.notYet')}</Descriptions.Item>
              <Descriptions.Item label={t('reno.permitNo')}>{r.permitNo ?? t('reno.notYet')}</Descriptions.Item>
            </Descriptions>
          </Card>
          <ExtensionsCard reno={r} canDecide={can('reno.approve')} onChanged={refresh} />
          <VersionsCard reno={r} />
          <Card title={t('reno.violations')} style={{ marginTop: 16 }} extra={r.openMajors > 0 && <Tag color="red">{t('reno.openMajors', { n: r.openMajors })}</Tag>}>
            {!r.violations.length ? <Empty description={t('reno.noViolations')} /> : r.violations.map((v: RenoViolation) => (
              <Card key={v.id} size="small" style={{ marginBottom: 8 }} data-testid={`reno-violation-${v.id}`}>
                <Flex justify="space-between" wrap gap={8}>
                  <span><ViolationTag severity={v.severity} status={v.status} /> <b>{label(VIOLATION_CATEGORY_LABELS, v.category)}</b> {v.noticeNo && <span className="wd-mono">{v.noticeNo}</span>}</span>
                  <Space wrap>
                    {v.status === 'open' && v.severity === 'major' && can('reno.inspect') && <Button size="small" type="primary" onClick={() => vStep.mutate({ vid: v.id, body: { action: 'issue_notice', delivery: 'in_person' } })} data-testid={`violation-notice-${v.id}`}>{t('reno.v.issueNotice')}</Button>}
                    {['rectifying', 'open', 'notice_issued', 'escalated', 'rectified_on_site'].includes(v.status) && can('reno.inspect') && <Button size="small" onClick={() => vStep.mutate({ vid: v.id, body: { action: 'reinspect_ok' } })} data-testid={`violation-ok-${v.id}`}>{t('reno.v.reinspectOk')}</Button>}
                    {v.status === 'rectifying' && can('reno.inspect') && <Button size="small" onClick={() => vStep.mutate({ vid: v.id, body: { action: 'reinspect_fail' } })}>{t('reno.v.reinspectFail')}</Button>}
                    {v.severity === 'major' && ['open', 'notice_issued', 'rectifying'].includes(v.status) && can('reno.approve') && (
                      <Button size="small" danger onClick={() => modal.confirm({ title: t('reno.v.escalate'), content: t('reno.v.escalateHint'), onOk: () => vStep.mutateAsync({ vid: v.id, body: { action: 'escalate', escalatedTo: t('reno.v.escalateTo') } }) })}>{t('reno.v.escalate')}</Button>
                    )}
                    {v.noticeNo && <Button size="small" icon={<PrinterOutlined />} onClick={() => navigate(`/print/reno/violations/${v.id}/notice`)}>{t('reno.printNotice')}</Button>}
                  </Space>
                </Flex>
                <div className="wd-pre" style={{ margin: '6px 0' }}>{v.description}</div>
                <Typography.Text type="secondary">
                  {formatDateTime(v.foundAt).slice(0, 16)} {v.foundByName}
                  {v.rectifyBy && ` · ${t('reno.rectifyBy')} ${v.rectifyBy}`}
                  {v.acknowledgedBy && ` · ${t('reno.acknowledged')} ${v.acknowledgedBy}`}
                  {v.escalatedTo && ` · ${t('reno.v.escalated')} ${v.escalatedTo}`}
                  {v.upgradedAt && ` · ${t('reno.v.upgraded')}`}
                </Typography.Text>
                {v.photos.length > 0 && (
                  <Image.PreviewGroup>
                    <Flex gap={6} style={{ marginTop: 6 }}>{v.photos.map((p) => <Image key={p.key} src={photoUrl(p.key)} width={72} height={54} style={{ objectFit: 'cover' }} alt={p.stage} />)}</Flex>
                  </Image.PreviewGroup>
                )}
              </Card>
            ))}
          </Card>
          <Card title={t('reno.inspections')} style={{ marginTop: 16 }}>
            {!r.inspection?.results.length ? <Empty description={t('reno.noInspections')} /> : (
              <RenoInspectionsTable results={r.inspection.results} />
            )}
          </Card>
          {r.acceptances.length > 0 && (
            <Card title={t('reno.acceptance')} style={{ marginTop: 16 }}>
              {r.acceptances.map((a) => (
                <div key={a.id} style={{ marginBottom: 8 }}>
                  <Tag color={a.result === 'pass' ? 'green' : 'red'}>{t(a.result === 'pass' ? 'reno.pass' : 'reno.fail')}</Tag> {formatDateTime(a.at).slice(0, 16)} {a.engineerName} {a.reasons}
                  {a.scanId && <Button size="small" type="link" href={`/api/v1/form-scans/${a.scanId}`} target="_blank" data-testid="acceptance-scan-link">{t('reno.signedScan')}</Button>}
                  {a.result === 'pass' && <Button size="small" type="link" icon={<PrinterOutlined />} onClick={() => navigate(`/print/reno/${r.id}/approval`)}>{t('reno.printApproval')}</Button>}
                </div>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('reno.feesAndDeposit')}>
            {r.feeLines.map((l) => <div key={l.id}>{l.itemName}：{formatFen(l.amount)} {t('reno.yuan')} {l.open ? <Tag color="gold">{t('reno.unpaid')}</Tag> : <Tag color="green">{t('reno.paid')}</Tag>}</div>)}
            {!r.feeLines.length && <div className="wd-muted">{t('reno.noFees')}</div>}
            <div style={{ marginTop: 8 }}>{t('reno.depositAmount')}：{formatFen(r.depositAmount)} {t('reno.yuan')}</div>
            {d && (
              <div style={{ marginTop: 8 }} data-testid="reno-deposit-card">
                <div>
                  <span className="wd-mono">{d.receiptNo}</span> <Tag>{label(DEPOSIT_STATUS_LABELS, d.status)}</Tag> {t('reno.balance')} <b>{formatFen(d.balance)}</b> {t('reno.yuan')}
                </div>
                {d.entries.map((e) => <div key={e.id} className="wd-muted">{e.businessDate} {label(DEPOSIT_ENTRY_LABELS, e.kind)} {formatFen(e.amount)} {e.payee ?? ''} {e.reason ?? ''}</div>)}
                {d.requests.filter((q) => q.status === 'pending').map((q) => (
                  <Flex key={q.id} gap={6} align="center" wrap style={{ marginTop: 6 }}>
                    <Tag color="gold">{label(DEPOSIT_ENTRY_LABELS, q.kind)} {formatFen(q.amount)}</Tag>
                    <span className="wd-muted">{q.reason}</span>
                    {can('deposit.decide') && <Button size="small" type="primary" onClick={() => decide.mutate({ rid: q.id, approve: true })} data-testid={`deposit-approve-${q.id}`}>{t('reno.approve')}</Button>}
                    {can('deposit.decide') && <Button size="small" onClick={() => decide.mutate({ rid: q.id, approve: false })}>{t('reno.rejectRequest')}</Button>}
                  </Flex>
                ))}
                {d.status !== 'settled' && can('deposit.request') && (
                  <Button size="small" style={{ marginTop: 8 }} onClick={() => setDialog('payout')} data-testid="deposit-request">{t('reno.requestPayout')}</Button>
                )}
              </div>
            )}
          </Card>
          <Card title={t('reno.workers')} style={{ marginTop: 16 }}>
            {r.workers.map((w) => (
              <div key={w.id}>
                {w.name}（{t(w.role === 'lead' ? 'reno.roleLead' : 'reno.roleWorker')}）{w.idNumber ?? ''} {w.phone ?? ''} {w.passNo && <Tag>{w.passNo}{w.returnedAt ? ` ${t('reno.passReturned')}` : ''}</Tag>}
              </div>
            ))}
            {!r.workers.length && <div className="wd-muted">—</div>}
          </Card>
          <Card title={t('reno.timeline')} style={{ marginTop: 16 }}>
            <Timeline items={r.timeline.map((e) => ({ key: e.id, children: <><b>{label(RENO_EVENT_LABELS, e.action)}</b> <span className="wd-muted">{formatDateTime(e.at).slice(0, 16)} {e.actorName}</span>{e.note && <div className="wd-pre">{e.note}</div>}</> }))} />
          </Card>
        </Col>
      </Row>
      <Modal open={!!reasonFor} title={reasonFor ? t(reasonFor.label) : ''} onCancel={() => setReasonFor(null)} okButtonProps={{ disabled: reasonFor?.reason === 'required' && !reason.trim(), loading: act.isPending, ...({ 'data-testid': 'reno-reason-ok' } as Record<string, string>) }}
        onOk={() => reasonFor && act.mutate({ path: reasonFor.path, body: reasonFor.action === 'approve' ? { engineeringOpinion: reason || null } : { reason: reason || null } })}>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t(reasonFor?.action === 'approve' ? (r.approvalNeeds.engineeringOpinion ? 'reno.opinionRequired' : 'reno.opinionOptional') : 'reno.reason')} data-testid="reno-reason" />
      </Modal>
      <ViolationModal open={dialog === 'violation'} renoId={r.id} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />
      <AcceptanceModal open={dialog === 'acceptance'} reno={r} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />
      <ReviseModal open={dialog === 'revise'} reno={r} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />
      <ExtensionModal open={dialog === 'extend'} reno={r} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />
      <DepositModal open={dialog === 'deposit'} reno={r} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />
      {d && <PayoutModal open={dialog === 'payout'} deposit={d} violations={r.violations} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); }} />}
    </>
  );
}
