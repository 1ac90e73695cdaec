import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { pickupStatement, type Stroke } from '../../../core/mail.ts';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { LookupItem, MailAuthorization, MailItem, MailPickup } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { UnitSearchSelect } from '../../components/fees/UnitSearchSelect.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ItemsTable } from './ItemsTable.tsx';
import { useMailOptions } from './labels.tsx';
import { SignaturePad } from './SignaturePad.tsx';

interface Values {
  pickerName: string;
  relation: string;
  authorizationId?: number;
  idType?: string;
  idLast4?: string;
}

/**
 * 领取: find the household's items by a pickup code (each code proves its item) or by the unit
 * with an ID check, tick what is handed over, the picker's printed name and signature.
 */
export default function PickupTab() {
  const { t, lang } = useI18n();
  const { estateId } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const qc = useQueryClient();
  const o = useMailOptions();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'code' | 'id'>('code');
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<Record<number, string>>({});
  const [found, setFound] = useState<LookupItem[]>([]);
  const [unitId, setUnitId] = useState<number | undefined>();
  const [keys, setKeys] = useState<number[]>([]);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<MailPickup | null>(null);
  const pickerName = Form.useWatch('pickerName', form) ?? '';
  const relation = Form.useWatch('relation', form);

  const byUnit = useQuery({
    queryKey: ['mail', 'items', { unitId, status: 'waiting' }],
    queryFn: () => api<ListResponse<MailItem>>('/api/v1/mail/items', { query: { estateId, unitId, status: 'waiting', pageSize: 100 } }),
    enabled: mode === 'id' && !!unitId,
  });
  const itemUnit = mode === 'id' ? unitId : (found[0]?.unitId ?? undefined);
  const auths = useQuery({
    queryKey: ['mail', 'auths', itemUnit],
    queryFn: () => api<ListResponse<MailAuthorization>>('/api/v1/mail/authorizations', { query: { unitId: itemUnit } }),
    enabled: !!itemUnit,
  });
  const items: MailItem[] = mode === 'id' ? (byUnit.data?.items ?? []) : found;
  const chosen = items.filter((i) => keys.includes(i.id));
  const needsId = mode === 'id' || chosen.some((i) => i.requiresSignature);

  const lookup = async () => {
    try {
      const res = await api<ListResponse<LookupItem>>('/api/v1/mail/lookup', { body: { estateId, code: code.trim() } });
      const matched = res.items.filter((i) => i.codeMatched).map((i) => i.id);
      setCodes((c) => ({ ...c, ...Object.fromEntries(matched.map((id) => [id, code.trim()])) }));
      setFound((prev) => (prev.length && prev[0]!.unitId !== res.items[0]?.unitId ? res.items : [...prev.filter((p) => !res.items.some((r) => r.id === p.id)), ...res.items].map((i) => ({ ...i, codeMatched: i.codeMatched || matched.includes(i.id) || prev.some((p) => p.id === i.id && p.codeMatched) }))));
      setKeys((k) => [...new Set([...k, ...matched])]);
      setCode('');
    } catch (err) {
      report(err);
    }
  };

  const reset = () => {
    setFound([]);
    setCodes({});
    setKeys([]);
    setStrokes([]);
    form.resetFields();
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!chosen.length) return void message.warning(t('mail.noneSelected'));
    setBusy(true);
    try {
      const p = await api<MailPickup>('/api/v1/mail/pickups', {
        body: {
          estateId, method: mode, items: chosen.map((i) => (mode === 'code' ? { id: i.id, code: codes[i.id] } : { id: i.id })), pickerName: v.pickerName, relation: v.relation,
          authorizationId: v.relation === 'authorised' ? v.authorizationId : undefined, idType: v.idType || undefined, idLast4: v.idLast4 || undefined, signature: { strokes }, lang,
        },
      });
      setDone(p);
      message.success(t('mail.handedOver', { n: p.items.length }));
      reset();
      void qc.invalidateQueries({ queryKey: ['mail'] });
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={24}>
      <Col xs={24} xl={14}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Radio.Group value={mode} onChange={(e) => (setMode(e.target.value), reset())} optionType="button" buttonStyle="solid" options={[{ value: 'code', label: t('mail.pickupByCode') }, { value: 'id', label: t('mail.pickupByUnit') }]} data-testid="mail-pickup-mode" />
          {mode === 'code' ? (
            <Space.Compact style={{ maxWidth: 360 }}>
              <Input size="large" value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} onPressEnter={lookup} placeholder={t('mail.code')} inputMode="numeric" className="wd-mono" data-testid="mail-code" />
              <Button size="large" type="primary" onClick={lookup} disabled={code.length !== 6} data-testid="mail-code-find">
                {t('mail.findByCode')}
              </Button>
            </Space.Compact>
          ) : (
            <UnitSearchSelect estateId={estateId} value={unitId} onChange={(id) => (setUnitId(id), setKeys([]))} style={{ width: 360 }} testId="mail-pickup-unit" />
          )}
          <Typography.Text type="secondary">{t('mail.selectItems')}</Typography.Text>
          <ItemsTable compact items={items} loading={mode === 'id' && byUnit.isFetching} selection={{ keys, onChange: setKeys, disabled: (r) => mode === 'code' && !codes[r.id] }} testId="mail-pickup-items" />
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        {done && (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setDone(null)}
            style={{ marginBottom: 12 }}
            title={t('mail.handedOver', { n: done.items.length })}
            description={<Link to={`/print/mail/pickups?id=${done.id}`} data-testid="mail-print-sheet">{t('mail.printSheet')}</Link>}
            data-testid="mail-pickup-done"
          />
        )}
        <Form form={form} layout="vertical" initialValues={{ relation: 'self', idType: 'id_card' }}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="pickerName" label={t('mail.pickerName')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={64} data-testid="mail-picker" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="relation" label={t('mail.relation')} rules={[{ required: true }]}>
                <Select options={o.relations} data-testid="mail-relation" />
              </Form.Item>
            </Col>
          </Row>
          {relation === 'authorised' && (
            <Form.Item name="authorizationId" label={t('mail.authorization')} rules={[{ required: true }]}>
              <Select options={(auths.data?.items ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: `${a.name} · ${a.phoneLast4} · ${a.fromDate} ~ ${a.toDate}` }))} />
            </Form.Item>
          )}
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="idType" label={t('mail.idType')} rules={[{ required: needsId }]}>
                <Select allowClear options={o.idTypes} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="idLast4" label={t('mail.idLast4')} rules={[{ required: needsId }, { pattern: /^[0-9Xx]{4}$/, message: t('mail.idLast4') }]}>
                <Input maxLength={4} data-testid="mail-id-last4" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('mail.statement')}>
            <div className="wd-statement" data-testid="mail-statement">{pickupStatement(lang, pickerName.trim() || '____', chosen.map((i) => i.number))}</div>
          </Form.Item>
          <Form.Item label={t('mail.signature')} required>
            <SignaturePad strokes={strokes} onChange={setStrokes} />
          </Form.Item>
          <Button type="primary" size="large" block loading={busy} onClick={submit} disabled={!chosen.length} data-testid="mail-handover">
            {t('mail.handOver')} {chosen.length ? `(${chosen.length})` : ''}
          </Button>
        </Form>
      </Col>
    </Row>
  );
}
