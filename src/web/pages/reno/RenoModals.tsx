import { UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch, Upload } from 'antd';
import { useState } from 'react';
import { ACCEPTANCE_ITEM_LABELS, DEPOSIT_ENTRY_LABELS, SIGNER_LABELS, VIOLATION_CATEGORY_LABELS } from '../../../core/renovation-labels.ts';
import { ACCEPTANCE_ITEMS, MAJOR_CATEGORIES, MINOR_RECTIFY_DAYS, MINOR_RECTIFY_MAX_DAYS, SIGNERS, VIOLATION_CATEGORIES } from '../../../core/renovation.ts';
import { api } from '../../api/client.ts';
import type { Deposit, RenovationDetail, RenoViolation } from '../../api/reno-types.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ScanUpload } from './RenoMore.tsx';

type Done = { open: boolean; onClose: () => void; onDone: () => void };

/** Photos uploaded one by one to the renovation; answers their names. */
function PhotoUpload({ url, value = [], onChange, testId }: { url: string; value?: string[]; onChange?: (v: string[]) => void; testId?: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept="image/jpeg,image/png,image/webp"
      showUploadList={false}
      customRequest={async ({ file, onSuccess, onError }) => {
        setBusy(true);
        try {
          const fd = new FormData();
          fd.append('file', file as Blob);
          const r = await api<{ name: string }>(url, { method: 'POST', body: fd });
          onChange?.([...value, r.name]);
          onSuccess?.(r);
        } catch (e) {
          onError?.(e as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
        {t('reno.addPhoto')} {value.length ? `(${value.length})` : ''}
      </Button>
    </Upload>
  );
}
export { PhotoUpload };

export function ViolationModal({ open, renoId, onClose, onDone }: Done & { renoId: number }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm();
  const category = Form.useWatch('category', form);
  const fixed = Form.useWatch('fixedOnSpot', form);
  const severity = Form.useWatch('severity', form);
  const major = MAJOR_CATEGORIES.includes(category);
  const minorOpen = !major && severity !== 'major' && !fixed;
  const { busy, submit } = useFormSubmit(form, async (v: any) => {
    const { rectifyDays, ...rest } = v;
    await api(`/api/v1/renovations/${renoId}/violations`, {
      body: { ...rest, severity: major ? 'major' : v.severity, fixedOnSpot: !major && !!v.fixedOnSpot, afterPhotos: v.afterPhotos ?? [], photos: v.photos ?? [], ...(minorOpen ? { rectifyDays } : {}) },
    });
    form.resetFields();
    onDone();
  });
  return (
    <Modal open={open} title={t('reno.newViolation')} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ ...({ 'data-testid': 'violation-ok' } as Record<string, string>) }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ severity: 'minor', fixedOnSpot: false, rectifyDays: MINOR_RECTIFY_DAYS }}>
        <Form.Item name="category" label={t('reno.category')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={VIOLATION_CATEGORIES.map((c) => ({ value: c, label: label(VIOLATION_CATEGORY_LABELS, c) }))} data-testid="violation-category" />
        </Form.Item>
        {!major && (
          <Form.Item name="severity" label={t('reno.severity')}>
            <Radio.Group options={[{ value: 'minor', label: t('reno.minor') }, { value: 'major', label: t('reno.major') }]} />
          </Form.Item>
        )}
        {major && <div className="wd-muted" style={{ marginBottom: 12 }}>{t('reno.majorHint')}</div>}
        <Form.Item name="description" label={t('reno.description')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="violation-description" />
        </Form.Item>
        <Form.Item name="photos" label={t('reno.photosBefore')}>
          <PhotoUpload url={`/api/v1/renovations/${renoId}/photos`} testId="violation-photo" />
        </Form.Item>
        {!major && (
          <Form.Item name="fixedOnSpot" label={t('reno.fixedOnSpot')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {minorOpen && (
          <Form.Item name="rectifyDays" label={t('reno.rectifyDays')}>
            <Select options={Array.from({ length: MINOR_RECTIFY_MAX_DAYS }, (_, i) => ({ value: i + 1, label: t('reno.daysN', { n: i + 1 }) }))} style={{ width: 160 }} data-testid="violation-rectify-days" />
          </Form.Item>
        )}
        {!major && fixed && (
          <Form.Item name="afterPhotos" label={t('reno.photosAfter')} rules={[{ required: true, message: t('form.required') }]}>
            <PhotoUpload url={`/api/v1/renovations/${renoId}/photos`} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function AcceptanceModal({ open, reno, onClose, onDone }: Done & { reno: RenovationDetail }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm();
  const result = Form.useWatch('result', form);
  const { busy, submit } = useFormSubmit(form, async (v: any) => {
    const ok = new Set<string>(v.ok ?? []);
    const signatures = Object.fromEntries(SIGNERS.filter((s) => v[`sig_${s}`]?.trim()).map((s) => [s, { name: v[`sig_${s}`].trim(), signed: true }]));
    await api(`/api/v1/renovations/${reno.id}/acceptance`, { body: { result: v.result, checklist: ACCEPTANCE_ITEMS.map((item) => ({ item, ok: ok.has(item) })), signatures, scanId: v.scanId ?? null, reasons: v.reasons || null } });
    onDone();
  });
  return (
    <Modal open={open} title={t('reno.acceptance')} onCancel={onClose} onOk={submit} confirmLoading={busy} width={640} okButtonProps={{ ...({ 'data-testid': 'acceptance-ok' } as Record<string, string>) }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ result: 'pass', ok: [...ACCEPTANCE_ITEMS], sig_owner: reno.applicantName, sig_contractor: reno.leadName }}>
        <Form.Item name="result" label={t('reno.result')}>
          <Radio.Group options={[{ value: 'pass', label: t('reno.pass') }, { value: 'fail', label: t('reno.fail') }]} data-testid="acceptance-result" />
        </Form.Item>
        <Form.Item name="ok" label={t('reno.checklist')}>
          <Checkbox.Group style={{ display: 'grid', gap: 4 }} options={ACCEPTANCE_ITEMS.map((i) => ({ value: i, label: label(ACCEPTANCE_ITEM_LABELS, i) }))} />
        </Form.Item>
        {result === 'fail' ? (
          <Form.Item name="reasons" label={t('reno.failReasons')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        ) : (
          <>
            <div className="wd-muted" style={{ marginBottom: 8 }}>{t('reno.signHint')}</div>
            <Flex gap={8} wrap>
              {SIGNERS.map((s) => (
                <Form.Item key={s} name={`sig_${s}`} label={label(SIGNER_LABELS, s)} style={{ width: 140 }}>
                  <Input maxLength={64} data-testid={`sig-${s}`} />
                </Form.Item>
              ))}
            </Flex>
            <Form.Item name="scanId" label={t('reno.scanRef')}>
              <ScanUpload renoId={reno.id} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

const key = () => `web-${crypto.randomUUID()}`;

export function DepositModal({ open, reno, onClose, onDone }: Done & { reno: RenovationDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  // One key per opened form: a double click or a retry is the same receipt.
  const [idem] = useState(key);
  const { busy, submit } = useFormSubmit(form, async (v: any) => {
    await api('/api/v1/deposits', { body: { renovationId: reno.id, amount: Math.round(v.yuan * 100), method: v.method, payerName: v.payerName, overrideReason: v.overrideReason || null, idempotencyKey: idem } });
    onDone();
  }, (p) => [p === 'amount' ? 'yuan' : p]);
  return (
    <Modal open={open} title={t('reno.takeDeposit')} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ ...({ 'data-testid': 'deposit-ok' } as Record<string, string>) }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ yuan: reno.depositAmount / 100, method: 'wechat', payerName: reno.applicantName }}>
        <Form.Item name="yuan" label={t('reno.depositYuan')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="method" label={t('reno.method')}>
          <Select options={['cash', 'card', 'wechat', 'alipay', 'transfer'].map((m) => ({ value: m, label: t(`reno.method.${m}` as never) }))} />
        </Form.Item>
        <Form.Item name="payerName" label={t('reno.payerName')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="overrideReason" label={t('reno.overrideReason')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PayoutModal({ open, deposit, violations, onClose, onDone }: Done & { deposit: Deposit; violations: RenoViolation[] }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const [idem] = useState(key);
  const { busy, submit } = useFormSubmit(form, async (v: any) => {
    await api(`/api/v1/deposits/${deposit.id}/requests`, { body: { kind: v.kind, amount: Math.round(v.yuan * 100), payee: v.payee, method: v.kind === 'deduct' ? 'retained' : v.method, reason: v.reason, violationIds: v.violationIds ?? [], evidenceNote: v.evidenceNote || null, idempotencyKey: idem } });
    onDone();
  }, (p) => [p === 'amount' ? 'yuan' : p]);
  return (
    <Modal open={open} title={t('reno.requestPayout')} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ ...({ 'data-testid': 'payout-ok' } as Record<string, string>) }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'refund', yuan: deposit.balance / 100, payee: deposit.payerName, method: 'transfer', reason: t('reno.refundReason') }}>
        <Form.Item name="kind" label={t('reno.payoutKind')}>
          <Radio.Group options={(['refund', 'deduct'] as const).map((k) => ({ value: k, label: label(DEPOSIT_ENTRY_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="yuan" label={t('reno.amountYuan')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={deposit.balance / 100} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="payee" label={t('reno.payee')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        {kind !== 'deduct' && (
          <Form.Item name="method" label={t('reno.method')}>
            <Select options={['cash', 'transfer', 'wechat', 'alipay', 'to_prepaid'].map((m) => ({ value: m, label: t(`reno.method.${m}` as never) }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('reno.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {kind === 'deduct' && (
          <>
            <Form.Item name="violationIds" label={t('reno.evidenceViolations')}>
              <Select mode="multiple" options={violations.map((v) => ({ value: v.id, label: `${label(VIOLATION_CATEGORY_LABELS, v.category)} ${v.noticeNo ?? ''}` }))} />
            </Form.Item>
            <Form.Item name="evidenceNote" label={t('reno.evidenceNote')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
