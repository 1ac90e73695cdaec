import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Form, Input, List, Modal, Row, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { requiresSignature, type MailKind } from '../../../core/mail.ts';
import { api } from '../../api/client.ts';
import type { PortalMail as PortalMailData } from '../../api/mail-types.ts';
import { formatInstant, today } from '../../components/format.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import '../mail/mail.css';
import { MailStatusTag, useMailOptions } from '../mail/labels.tsx';
import { useQr } from '../mail/useQr.ts';
import { PortalListState } from './PortalListState.tsx';

type Item = PortalMailData['items'][number];

function WaitingCard({ item }: { item: Item }) {
  const t = useT();
  const o = useMailOptions();
  const qr = useQr(item.pickupCode);
  return (
    <Card size="small" data-testid={`portal-mail-${item.id}`}>
      <Flex justify="space-between" align="start" gap={8}>
        <div>
          <Typography.Text strong>{o.kind(item.kind)} · {o.carrier(item.carrier)}</Typography.Text>
          <div className="wd-muted">{item.unitLabel} · {item.addressee} · ×{item.pieces}</div>
          <div className="wd-muted">{formatInstant(item.receivedAt, 'MM-DD HH:mm')} · <span className="wd-mono">{item.number}</span></div>
          <Tag color="blue" style={{ marginTop: 4 }}>{t('mail.portal.shelf', { shelf: item.shelf })}</Tag>
        </div>
        <MailStatusTag status={item.status} />
      </Flex>
      <div className="wd-portal-code">
        {qr && <img src={qr} width={120} height={120} alt={item.pickupCode ?? ''} />}
        <div className="wd-muted">{t('mail.code')}</div>
        <b data-testid="portal-mail-code">{item.pickupCode}</b>
        <div className="wd-muted" style={{ fontSize: 12 }}>{t(requiresSignature(item.kind as MailKind) ? 'mail.portal.idHint' : 'mail.portal.codeHint')}</div>
      </div>
    </Card>
  );
}

interface AuthValues { unitId: number; name: string; phoneLast4: string; fromDate: string; toDate: string }

/** 我的快递/信件: what waits at the front desk with its pickup code, what was picked up, and who may pick up for me. */
export default function PortalMail() {
  const t = useT();
  const o = useMailOptions();
  const qc = useQueryClient();
  const report = useReportError();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AuthValues>();
  const q = useQuery({ queryKey: ['portal-mail'], queryFn: () => api<PortalMailData>('/api/v1/portal/mail') });
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api('/api/v1/portal/mail/authorizations', { body: v });
    setAdding(false);
    form.resetFields();
    void qc.invalidateQueries({ queryKey: ['portal-mail'] });
  });
  const revoke = async (id: number) => {
    try {
      await api(`/api/v1/portal/mail/authorizations/${id}/revoke`, { method: 'POST' });
      message.success(t('mail.portal.revoked'));
      void qc.invalidateQueries({ queryKey: ['portal-mail'] });
    } catch (err) {
      report(err);
    }
  };
  if (!q.isSuccess) return <PortalListState query={q} rows={6}>{() => null}</PortalListState>;
  const waiting = q.data.items.filter((i) => i.pickupCode);
  const history = q.data.items.filter((i) => !i.pickupCode);
  return (
    <>
      <Typography.Title level={4} className="wd-portal-h1" data-testid="portal-title">{t('mail.portal.title')}</Typography.Title>
      <Flex vertical gap={16}>
        <Card title={`${t('mail.portal.waiting')} (${waiting.length})`} size="small">
          {waiting.length ? (
            <Row gutter={[12, 12]}>
              {waiting.map((i) => <Col key={i.id} xs={24} md={12}><WaitingCard item={i} /></Col>)}
            </Row>
          ) : <Empty description={t('mail.portal.none')} />}
        </Card>
        <Card title={t('mail.portal.history')} size="small">
          <List
            dataSource={history}
            locale={{ emptyText: t('mail.portal.none') }}
            renderItem={(i) => (
              <List.Item extra={<MailStatusTag status={i.status} />}>
                <List.Item.Meta
                  title={`${o.kind(i.kind)} · ${o.carrier(i.carrier)} · ${i.unitLabel}`}
                  description={`${formatInstant(i.receivedAt, 'MM-DD HH:mm')} → ${i.leftAt ? formatInstant(i.leftAt, 'MM-DD HH:mm') : '—'}${i.pickerName ? ` · ${t('mail.portal.pickedBy', { name: i.pickerName })}` : ''}`}
                />
              </List.Item>
            )}
          />
        </Card>
        <Card title={t('mail.portal.auths')} size="small" extra={<Button size="small" onClick={() => setAdding(true)} data-testid="portal-mail-add-auth">{t('mail.portal.addAuth')}</Button>}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('mail.portal.authHint')}</Typography.Paragraph>
          <List
            dataSource={q.data.authorizations}
            locale={{ emptyText: t('mail.portal.none') }}
            renderItem={(a) => (
              <List.Item extra={a.revokedAt ? <Tag>{t('mail.portal.revoked')}</Tag> : <Button size="small" danger onClick={() => revoke(a.id)}>{t('mail.portal.revoke')}</Button>}>
                <List.Item.Meta
                  title={<>{a.name} <span className="wd-muted">···{a.phoneLast4}</span> <Tag color={a.active ? 'green' : undefined}>{t(a.active ? 'mail.portal.active' : 'mail.portal.inactive')}</Tag></>}
                  description={`${a.unitLabel} · ${a.fromDate} ~ ${a.toDate}`}
                />
              </List.Item>
            )}
          />
        </Card>
      </Flex>
      <Modal open={adding} title={t('mail.portal.addAuth')} onCancel={() => setAdding(false)} onOk={submit} okButtonProps={{ loading: busy }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ unitId: q.data.units[0]?.id, fromDate: today(), toDate: `${today().slice(0, 4)}-12-31` }}>
          <Form.Item name="unitId" label={t('mail.unit')} rules={[{ required: true }]}>
            <Select options={q.data.units.map((u) => ({ value: u.id, label: u.label }))} />
          </Form.Item>
          <Form.Item name="name" label={t('mail.pickerName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={64} /></Form.Item>
          <Form.Item name="phoneLast4" label={t('mail.phoneLast4')} rules={[{ required: true, pattern: /^\d{4}$/, message: t('mail.phoneLast4') }]}><Input maxLength={4} inputMode="numeric" /></Form.Item>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="fromDate" label={t('mail.fromDate')} rules={[{ required: true }]}><Input type="date" /></Form.Item></Col>
            <Col span={12}><Form.Item name="toDate" label={t('mail.toDate')} rules={[{ required: true }]}><Input type="date" /></Form.Item></Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
