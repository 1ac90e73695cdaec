import { CameraOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { MailMatch, MailRegistered } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { UnitSearchSelect } from '../../components/fees/UnitSearchSelect.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import { useMailOptions } from './labels.tsx';

interface Values {
  kind: string;
  carrier: string;
  trackingNo?: string;
  unitId?: number;
  unknownRecipient?: boolean;
  addressee: string;
  phoneLast4?: string;
  shelf: string;
  pieces: number;
  note?: string;
}

/** Uploads a label photo of a registered item (re-encoded by the server, deleted 90 days after pickup). */
export async function uploadLabel(itemId: number, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  await api(`/api/v1/mail/items/${itemId}/photo`, { method: 'POST', body: form });
}

/** 到件登记: the item, its unit (by room number) with the addressee checked against the household, shelf and label photo. */
export default function RegisterTab() {
  const t = useT();
  const { estateId } = useSession();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const qc = useQueryClient();
  const opts = useMailOptions();
  const [form] = Form.useForm<Values>();
  const [photo, setPhoto] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<MailRegistered | null>(null);
  const unitId = Form.useWatch('unitId', form);
  const addressee = Form.useWatch('addressee', form);
  const unknown = Form.useWatch('unknownRecipient', form);
  const match = useQuery({
    queryKey: ['mail-match', unitId, addressee],
    queryFn: () => api<MailMatch>('/api/v1/mail/match', { query: { unitId, name: addressee?.trim() || undefined } }),
    enabled: !!unitId,
  });

  const send = async (v: Values, confirmDuplicate = false): Promise<void> => {
    setBusy(true);
    try {
      const item = await api<MailRegistered>('/api/v1/mail/items', {
        body: { estateId, kind: v.kind, carrier: v.carrier, trackingNo: v.trackingNo || null, unitId: v.unknownRecipient ? null : (v.unitId ?? null), unknownRecipient: v.unknownRecipient || undefined, addressee: v.addressee, phoneLast4: v.phoneLast4 || null, shelf: v.shelf, pieces: v.pieces, note: v.note || null, confirmDuplicate: confirmDuplicate || undefined },
      });
      if (photo) await uploadLabel(item.id, photo);
      setLast(item);
      message.success(t(item.status === 'notified' ? 'mail.registeredNotified' : item.unitId ? 'mail.registeredSlip' : 'mail.registered', { number: item.number }));
      form.resetFields(['trackingNo', 'addressee', 'phoneLast4', 'note', 'unitId', 'unknownRecipient']);
      setPhoto(null);
      void qc.invalidateQueries({ queryKey: ['mail'] });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.fields.trackingNo) {
        modal.confirm({ title: t('mail.duplicateConfirm'), content: err.message, okText: t('mail.duplicateGo'), onOk: () => send(v, true) });
      } else report(err, form);
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await send(v);
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={15}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'parcel', carrier: 'sf', pieces: 1 }} data-testid="mail-register-form">
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="kind" label={t('mail.kind')} rules={[{ required: true }]}>
                <Select options={opts.kinds} data-testid="mail-kind" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="carrier" label={t('mail.carrier')} rules={[{ required: true }]}>
                <Select options={opts.carriers} data-testid="mail-carrier" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="trackingNo" label={t('mail.trackingNo')}>
                <Input maxLength={40} data-testid="mail-tracking" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('mail.unit')} required={!unknown}>
            <Space.Compact block>
              <Form.Item name="unitId" noStyle rules={[{ required: !unknown, message: t('mail.unitPlaceholder') }]}>
                <UnitSearchSelect estateId={estateId} testId="mail-unit" style={{ width: '100%' }} />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="unknownRecipient" valuePropName="checked" noStyle>
              <Checkbox style={{ marginTop: 6 }}>{t('mail.unknownRecipient')}</Checkbox>
            </Form.Item>
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="addressee" label={t('mail.addressee')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={64} data-testid="mail-addressee" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="phoneLast4" label={t('mail.phoneLast4')} rules={[{ pattern: /^\d{4}$/, message: t('mail.phoneLast4') }]}>
                <Input maxLength={4} inputMode="numeric" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="shelf" label={t('mail.shelf')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={16} placeholder="A-01" data-testid="mail-shelf" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="pieces" label={t('mail.pieces')} rules={[{ required: true }]}>
                <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label={t('mail.labelPhoto')}>
                <Upload accept="image/jpeg,image/png,image/webp" maxCount={1} beforeUpload={(f) => (setPhoto(f), false)} onRemove={() => setPhoto(null)} fileList={photo ? [{ uid: '1', name: photo.name }] : []}>
                  <Button icon={<CameraOutlined />}>{t('mail.labelPhoto')}</Button>
                </Upload>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t('mail.note')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" size="large" loading={busy} onClick={submit} data-testid="mail-register-submit">
            {t('mail.register')}
          </Button>
        </Form>
      </Col>
      <Col xs={24} lg={9}>
        {last && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="mail-last"
            title={<span className="wd-mono" style={{ fontSize: 20 }}>{last.number}</span>}
            description={`${last.unitLabel ?? t('mail.unknownRecipient')} · ${last.addressee} · ${t('mail.shelf')} ${last.shelf}`}
          />
        )}
        {match.data && !unknown && (
          <Alert
            type={match.data.members.some((m) => m.matched) ? 'info' : 'warning'}
            data-testid="mail-match"
            title={
              <Space wrap>
                <strong>{match.data.unitLabel}</strong>
                <Tag color={match.data.hasPortalUser ? 'blue' : 'orange'}>{t(match.data.hasPortalUser ? 'mail.portalYes' : 'mail.portalNo')}</Tag>
                {match.data.waiting > 0 && <Tag>{t('mail.waitingN', { n: match.data.waiting })}</Tag>}
              </Space>
            }
            description={
              <>
                <div>
                  {t('mail.members')}：{match.data.members.map((m) => <Tag key={m.id} color={m.matched ? 'green' : undefined}>{m.name}</Tag>)}
                </div>
                {addressee?.trim() && <div>{match.data.members.find((m) => m.matched) ? t('mail.nameMatched', { name: addressee.trim() }) : t('mail.nameNotMatched')}</div>}
              </>
            }
          />
        )}
      </Col>
    </Row>
  );
}
