import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { RENO_KIND_LABELS, RENO_SCOPE_LABELS } from '../../../core/renovation-labels.ts';
import { RENO_KINDS, RENO_SCOPES } from '../../../core/renovation.ts';
import { useI18n } from '../../i18n/index.tsx';

export interface RenoFormValues {
  kind: string;
  applicantKind: 'owner' | 'tenant';
  applicantName: string;
  applicantPhone: string;
  ownerConsentBy?: string;
  contractor: string;
  licenceNo?: string;
  leadName: string;
  leadPhone: string;
  fireName?: string;
  firePhone?: string;
  scope: string[];
  description: string;
  touchesStructure: boolean;
  designDoc?: string;
  dates: [Dayjs, Dayjs];
  depositYuan?: number;
  workers?: Array<{ name: string; role: 'lead' | 'worker'; idNumber?: string; phone?: string; passNo?: string }>;
}

/** The request body from the form (dates as local days, money in fen). */
export function renoBody(v: RenoFormValues) {
  const { dates, depositYuan, workers, ...rest } = v;
  return {
    ...rest,
    plannedStart: dates[0].format('YYYY-MM-DD'),
    plannedEnd: dates[1].format('YYYY-MM-DD'),
    ...(depositYuan === undefined ? {} : { depositAmount: Math.round(depositYuan * 100) }),
    workers: (workers ?? []).filter((w) => w?.name),
  };
}

/** Field paths of the server's answer → form fields. */
export const renoFieldOf = (path: string): Array<string | number> => {
  if (path === 'plannedStart' || path === 'plannedEnd') return ['dates'];
  if (path === 'depositAmount') return ['depositYuan'];
  return path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
};

/** The 装修申请 form (manual 4.2; design A.3.1): staff at the desk, the owner in the portal (`portal`). */
export function RenoForm({ form, portal = false }: { form: FormInstance<RenoFormValues>; portal?: boolean }) {
  const { t, label } = useI18n();
  const applicantKind = Form.useWatch('applicantKind', form);
  const structure = Form.useWatch('touchesStructure', form);
  const col = portal ? 24 : 12;
  return (
    <>
      <Row gutter={16}>
        <Col span={col}>
          <Form.Item name="kind" label={t('reno.kind')} rules={[{ required: true }]}>
            <Radio.Group options={RENO_KINDS.map((k) => ({ value: k, label: label(RENO_KIND_LABELS, k) }))} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="applicantKind" label={t('reno.applicantKind')} rules={[{ required: true }]}>
            <Radio.Group options={[{ value: 'owner', label: t('reno.owner') }, { value: 'tenant', label: t('reno.tenant') }]} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="applicantName" label={t('reno.applicantName')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="applicantPhone" label={t('reno.applicantPhone')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
        {applicantKind === 'tenant' && (
          <Col span={24}>
            <Form.Item name="ownerConsentBy" label={t('reno.ownerConsentBy')} extra={t('reno.ownerConsentHint')} rules={[{ required: true, message: t('form.required') }]}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        )}
        <Col span={col}>
          <Form.Item name="contractor" label={t('reno.contractor')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="licenceNo" label={t('reno.licenceNo')}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col span={portal ? 12 : 6}>
          <Form.Item name="leadName" label={t('reno.leadName')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col span={portal ? 12 : 6}>
          <Form.Item name="leadPhone" label={t('reno.leadPhone')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col span={portal ? 12 : 6}>
          <Form.Item name="fireName" label={t('reno.fireName')}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col span={portal ? 12 : 6}>
          <Form.Item name="firePhone" label={t('reno.firePhone')}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="scope" label={t('reno.scope')} rules={[{ required: true, message: t('form.required') }]}>
            <Checkbox.Group options={RENO_SCOPES.map((s) => ({ value: s, label: label(RENO_SCOPE_LABELS, s) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="description" label={t('reno.description')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="touchesStructure" label={t('reno.touchesStructure')} valuePropName="checked" extra={t('reno.structureHint')}>
            <Switch />
          </Form.Item>
        </Col>
        {structure && (
          <Col span={col}>
            <Form.Item name="designDoc" label={t('reno.designDoc')} rules={[{ required: true, message: t('form.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        )}
        <Col span={col}>
          <Form.Item name="dates" label={t('reno.plannedDates')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
        </Col>
        {!portal && (
          <Col span={col}>
            <Form.Item name="depositYuan" label={t('reno.depositYuan')} extra={t('reno.depositHint')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.List name="workers">
        {(fields, { add, remove }) => (
          <Form.Item label={t('reno.workers')}>
            {fields.map((f) => (
              <Space key={f.key} wrap align="baseline" style={{ marginBottom: 8 }}>
                <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true, message: t('form.required') }]}>
                  <Input placeholder={t('reno.workerName')} style={{ width: 110 }} maxLength={64} />
                </Form.Item>
                <Form.Item name={[f.name, 'role']} noStyle initialValue="worker">
                  <Select style={{ width: 110 }} options={[{ value: 'lead', label: t('reno.roleLead') }, { value: 'worker', label: t('reno.roleWorker') }]} />
                </Form.Item>
                <Form.Item name={[f.name, 'idNumber']} noStyle>
                  <Input placeholder={t('reno.idNumber')} style={{ width: 190 }} maxLength={18} />
                </Form.Item>
                <Form.Item name={[f.name, 'phone']} noStyle>
                  <Input placeholder={t('reno.phone')} style={{ width: 130 }} maxLength={20} />
                </Form.Item>
                <Form.Item name={[f.name, 'passNo']} noStyle>
                  <Input placeholder={t('reno.passNo')} style={{ width: 100 }} maxLength={32} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('reno.removeWorker')} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ role: 'worker' })} icon={<PlusOutlined />} data-testid="reno-add-worker">
              {t('reno.addWorker')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
    </>
  );
}
