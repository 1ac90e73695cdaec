import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Rate, Select, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PortalActivity as Activity } from '../../api/notices-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';

function CodeQr({ code }: { code: string }) {
  const qr = useQuery({ queryKey: ['qr', code], queryFn: () => QRCode.toDataURL(code, { margin: 1, width: 220 }), staleTime: Infinity });
  return qr.data ? <img className="wd-act-qr" src={qr.data} alt={code} width={180} height={180} data-testid="my-qr" /> : null;
}

/** An activity: details, registration for one of his units, his check-in QR code, and feedback afterwards. */
export default function PortalActivity() {
  const t = useT();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { me } = useSession();
  const [form] = Form.useForm();
  const [rate] = Form.useForm();
  const a = useQuery({ queryKey: ['portal-activity', id], queryFn: () => api<Activity>(`/api/v1/portal/activities/${id}`) });
  const units = useQuery({ queryKey: ['portal-home'], queryFn: () => api<{ units: Array<{ unit: { id: number; label: string } }> }>('/api/v1/portal/home') });
  const post = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api<unknown>(`/api/v1/portal/activities/${id}${path}`, { method: 'POST', body }),
    onSuccess: () => {
      message.success(t('rn.done'));
      void qc.invalidateQueries({ queryKey: ['portal-activity', id] });
      void qc.invalidateQueries({ queryKey: ['portal-activities'] });
    },
    onError: (err) => reportError(err, form),
  });
  if (a.isPending)
    return (
      <Card>
        <CardSkeleton rows={6} />
      </Card>
    );
  if (a.error)
    return (
      <Card>
        <ErrorResult error={a.error} />
      </Card>
    );
  const x = a.data;
  const active = x.mine.filter((m) => m.status !== 'cancelled');
  const unitOptions = (units.data?.units ?? []).map((u) => ({ value: u.unit.id, label: u.unit.label }));
  return (
    <Flex vertical gap={12}>
      <Card data-testid="portal-activity">
        <Tag color={x.open ? 'green' : 'default'}>{t(`act.st.${x.status}` as MessageKey)}</Tag>
        <Typography.Title level={4} style={{ marginTop: 8 }}>
          {x.title}
        </Typography.Title>
        <div className="wd-muted">
          {formatInstant(x.startsAt, 'YYYY-MM-DD HH:mm')} — {formatInstant(x.endsAt, 'HH:mm')} · {x.facilityName ?? x.venue ?? ''}
        </div>
        <div className="wd-muted wd-small" style={{ marginTop: 4 }}>
          {t('act.portal.places', { taken: x.taken, capacity: x.capacity, limit: x.perUnitLimit })}
        </div>
        {x.agenda && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{x.agenda}</Typography.Paragraph>}
      </Card>
      {active.map((m) => (
        <Card key={m.id} title={t('act.portal.myCode')} data-testid={`my-reg-${m.id}`}>
          <Flex vertical align="center">
            <Tag color={m.status === 'waitlisted' ? 'orange' : 'green'}>{m.waitlistPosition ? t('act.waitlist', { n: m.waitlistPosition }) : t(`act.rs.${m.status}` as MessageKey)}</Tag>
            {['registered', 'attended'].includes(m.status) && <CodeQr code={m.code} />}
            <div className="wd-mono" style={{ fontSize: 20, letterSpacing: 2 }} data-testid="my-code">
              {m.code}
            </div>
            <div className="wd-muted wd-small">
              {m.unitLabel} · {m.names}（{m.adults + m.children}）
            </div>
            <div className="wd-muted wd-small">{t('act.portal.showCode')}</div>
            {['registered', 'waitlisted'].includes(m.status) && x.open && (
              <Button danger type="link" onClick={() => post.mutate({ path: `/registrations/${m.id}/cancel` })}>
                {t('act.portal.cancel')}
              </Button>
            )}
            {m.status === 'attended' && ['finished', 'reviewed'].includes(x.status) && (m.rated ? (
              <Alert type="success" showIcon title={t('act.portal.rated')} />
            ) : (
              <Form form={rate} layout="vertical" style={{ width: '100%', marginTop: 12 }} onFinish={(v) => post.mutate({ path: '/feedback', body: { registrationId: m.id, rating: v.rating, liked: v.liked || null, suggestions: v.suggestions || null } })}>
                <Form.Item name="rating" label={t('act.portal.rate')} rules={[{ required: true }]}>
                  <Rate />
                </Form.Item>
                <Form.Item name="liked" label={t('act.portal.liked')}>
                  <Input />
                </Form.Item>
                <Form.Item name="suggestions" label={t('act.portal.suggestions')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Button type="primary" htmlType="submit" block>
                  {t('common.save')}
                </Button>
              </Form>
            ))}
          </Flex>
        </Card>
      ))}
      {x.open ? (
        <Card title={t('act.portal.register')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ adults: 1, children: 0, names: me.user.displayName, unitId: unitOptions[0]?.value }}
            onFinish={(v) => post.mutate({ path: '/register', body: { unitId: v.unitId ?? unitOptions[0]?.value, names: v.names, adults: v.adults, children: v.children } })}
          >
            {unitOptions.length > 1 && (
              <Form.Item name="unitId" label={t('act.unitId')}>
                <Select options={unitOptions} />
              </Form.Item>
            )}
            <Form.Item name="names" label={t('act.names')} rules={[{ required: true }]}>
              <Input data-testid="reg-names" />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="adults" label={t('act.adults')}>
                <InputNumber min={0} max={x.perUnitLimit} />
              </Form.Item>
              <Form.Item name="children" label={t('act.children')}>
                <InputNumber min={0} max={x.perUnitLimit} />
              </Form.Item>
            </Flex>
            <Button type="primary" htmlType="submit" block size="large" loading={post.isPending} data-testid="reg-submit">
              {t('act.portal.register')}
            </Button>
          </Form>
        </Card>
      ) : (
        !active.length && <Alert type="info" title={t('act.portal.closed')} />
      )}
    </Flex>
  );
}
