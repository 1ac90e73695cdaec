import { FireOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Cascader, Col, Flex, Form, Input, InputNumber, Radio, Row, Segmented, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { CHANNEL_LABELS, DEPARTMENT_LABELS, INCIDENT_LABELS, PRIORITY_LABELS, TICKET_TYPE_LABELS } from '../../../core/desk-labels.ts';
import { CHANNELS, DEPARTMENTS, INCIDENT_TYPES, PRIORITIES, TICKET_TYPES } from '../../../core/tickets.ts';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { categoryTree, useCategories } from '../../components/desk/queries.ts';
import { DeferredDatePicker } from '../../components/DeferredDatePicker.tsx';
import { compact, fieldsIn } from '../../components/forms.ts';
import { yuanToFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { UnitPicker } from './register/UnitPicker.tsx';

// The live outage notice (the script for callers) loads after the form, outside the page's budget.
const LiveNoticeBanner = lazy(() => import('../relations/LiveNotices.tsx').then((m) => ({ default: m.LiveNoticeBanner })));

interface Values {
  areaId?: number;
  type: string;
  channel: string;
  reporterName?: string;
  reporterPhone?: string;
  category?: Array<string | number>;
  priority: string;
  complex: boolean;
  emergency: boolean;
  incidentType?: string;
  title: string;
  description: string;
  department?: string;
  appointmentAt?: Dayjs | null;
  priceYuan?: number | null;
}

const BODY_FIELDS = fieldsIn('areaId', 'type', 'channel', 'reporterName', 'reporterPhone', 'priority', 'incidentType', 'title', 'description', 'department', 'appointmentAt');
/** Server field names → form fields (the price is asked in 元, the category as a path). */
const FIELDS = (path: string) => (path === 'price' ? ['priceYuan'] : path === 'categoryId' ? ['category'] : BODY_FIELDS(path));

/** 报事登记: built for a phone call — find the unit, pick the type, say what happened, submit. */
export default function RegisterPage() {
  const { t, label } = useI18n();
  const { estateId, estate } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [where, setWhere] = useState<'unit' | 'public'>('unit');
  const [unit, setUnit] = useState<Unit | null>(null);
  const [unitError, setUnitError] = useState(false);
  const categories = useCategories(estateId);
  const type = Form.useWatch('type', form);
  const emergency = Form.useWatch('emergency', form);

  const submit = useMutation({
    mutationFn: (v: Values) => {
      const categoryId = v.category?.length === 3 ? Number(v.category[2]) : undefined;
      const body = compact({
        ...(where === 'unit' ? { unitId: unit?.id } : { estateId, areaId: v.areaId }),
        type: v.type,
        channel: v.channel,
        reporterName: v.reporterName?.trim(),
        reporterPhone: v.reporterPhone?.trim(),
        categoryId,
        priority: v.priority,
        complex: v.complex,
        emergency: v.emergency,
        incidentType: v.emergency ? v.incidentType : undefined,
        title: v.title.trim(),
        description: v.description.trim(),
        department: v.department,
        appointmentAt: v.appointmentAt ? v.appointmentAt.toISOString() : undefined,
        price: v.type === 'special_service' && v.priceYuan != null ? yuanToFen(v.priceYuan) : undefined,
      });
      return api<{ id: number }>('/api/v1/tickets', { body });
    },
    onSuccess: ({ id }) => {
      message.success(t('register.done'));
      navigate(`/desk/tickets/${id}`);
    },
    onError: (err) => reportError(err, form, FIELDS),
  });

  const onFinish = (v: Values) => {
    if (where === 'unit' && !unit) {
      setUnitError(true);
      return;
    }
    submit.mutate(v);
  };

  const onCategory = (path: Array<string | number> | undefined) => {
    // The problem's name makes a good title when the operator has not typed one yet.
    if (path?.length === 3 && !form.getFieldValue('title')) {
      const c = categories.data?.items.find((x) => x.id === Number(path[2]));
      if (c) form.setFieldValue('title', `${c.category}：${c.problem}`);
    }
  };

  return (
    <>
      <PageHeader title={t('nav.register')} subtitle={t('register.subtitle')} />
      <Suspense fallback={null}>
        <LiveNoticeBanner />
      </Suspense>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ type: 'repair', channel: 'phone', priority: 'normal', complex: false, emergency: false }}
        onFinish={onFinish}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
        }}
        data-testid="register-form"
      >
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <Card title={t('register.where')} size="small" className="wd-register-card">
              <Segmented
                block
                value={where}
                onChange={(v) => setWhere(v as 'unit' | 'public')}
                options={[
                  { value: 'unit', label: t('register.whereUnit') },
                  { value: 'public', label: t('register.wherePublic') },
                ]}
                style={{ marginBottom: 12 }}
                data-testid="register-where"
              />
              {where === 'unit' ? (
                <>
                  <UnitPicker
                    estateId={estateId}
                    value={unit}
                    onChange={(u) => {
                      setUnit(u);
                      setUnitError(false);
                    }}
                  />
                  {unitError && <Typography.Text type="danger">{t('register.unitRequired')}</Typography.Text>}
                </>
              ) : (
                <Form.Item name="areaId" label={t('register.area', { estate: estate?.name ?? '' })} style={{ marginBottom: 0 }}>
                  <Select allowClear placeholder={t('register.wholeEstate')} options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} />
                </Form.Item>
              )}
              <Row gutter={12} style={{ marginTop: 16 }}>
                <Col span={12}>
                  <Form.Item name="reporterName" label={t('ticket.reporter')} extra={where === 'unit' ? t('register.reporterDefault') : undefined}>
                    <Input maxLength={64} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="reporterPhone" label={t('ticket.reporterPhone')}>
                    <Input maxLength={20} inputMode="tel" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="channel" label={t('ticket.channel')} style={{ marginBottom: 0 }}>
                <Radio.Group optionType="button" options={CHANNELS.filter((c) => c !== 'portal').map((c) => ({ value: c, label: label(CHANNEL_LABELS, c) }))} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card title={t('register.what')} size="small" className="wd-register-card">
              <Form.Item name="type" label={t('ticket.type')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  className="wd-type-radios"
                  options={TICKET_TYPES.map((x) => ({ value: x, label: label(TICKET_TYPE_LABELS, x) }))}
                  data-testid="register-type"
                />
              </Form.Item>
              <Form.Item name="category" label={t('ticket.category')}>
                <Cascader
                  options={categories.data ? categoryTree(categories.data.items) : []}
                  showSearch
                  placeholder={t('register.categoryPlaceholder')}
                  onChange={(v) => onCategory(v as Array<string | number> | undefined)}
                  data-testid="register-category"
                />
              </Form.Item>
              <Flex gap={24} wrap align="flex-end">
                <Form.Item name="priority" label={t('ticket.priority')}>
                  <Radio.Group optionType="button" options={PRIORITIES.map((p) => ({ value: p, label: label(PRIORITY_LABELS, p) }))} />
                </Form.Item>
                <Form.Item name="complex" label={t('ticket.complex')} valuePropName="checked" tooltip={t('register.complexHint')}>
                  <Switch />
                </Form.Item>
                <Form.Item name="emergency" label={t('ticket.emergency')} valuePropName="checked">
                  <Switch className="wd-emergency-switch" data-testid="register-emergency" />
                </Form.Item>
              </Flex>
              {emergency && (
                <>
                  <Alert type="error" showIcon icon={<FireOutlined />} title={t('register.emergencyWarning')} style={{ marginBottom: 12 }} data-testid="emergency-warning" />
                  <Form.Item name="incidentType" label={t('ticket.incidentType')} rules={[{ required: true, message: t('form.required') }]}>
                    <Select options={INCIDENT_TYPES.map((x) => ({ value: x, label: label(INCIDENT_LABELS, x) }))} data-testid="register-incident" />
                  </Form.Item>
                </>
              )}
              <Form.Item name="title" label={t('ticket.title')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                <Input maxLength={100} data-testid="register-title" />
              </Form.Item>
              <Form.Item name="description" label={t('ticket.description')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                <Input.TextArea rows={3} maxLength={4000} data-testid="register-description" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="department" label={t('ticket.department')} extra={t('register.departmentHint')}>
                    <Select allowClear options={DEPARTMENTS.map((d) => ({ value: d, label: label(DEPARTMENT_LABELS, d) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={9}>
                  <Form.Item name="appointmentAt" label={t('ticket.appointmentAt')}>
                    <DeferredDatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                {type === 'special_service' && (
                  <Col xs={24} md={7}>
                    <Form.Item name="priceYuan" label={t('ticket.priceYuan')} rules={[{ required: true, message: t('form.required') }]}>
                      <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
              <Flex justify="space-between" align="center" gap={12} wrap>
                <Typography.Text type="secondary" className="wd-small">
                  {t('register.keyboardHint')}
                </Typography.Text>
                <Button type="primary" htmlType="submit" size="large" loading={submit.isPending} data-testid="register-submit">
                  {t('register.submit')}
                </Button>
              </Flex>
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
