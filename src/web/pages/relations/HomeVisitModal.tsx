import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Rate, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { NEED_TYPE_LABELS, VISIT_METHOD_LABELS, VISIT_OUTCOME_LABELS, VISIT_PURPOSE_LABELS } from '../../../core/relations-labels.ts';
import { VISIT_METHODS, VISIT_OUTCOMES, VISIT_PURPOSES } from '../../../core/visits.ts';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { useResetOnOpen } from '../../components/forms.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';

const GRID3 = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', columnGap: 12 } as const;
const GRID2 = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 12 } as const;

export interface VisitTarget {
  householdId: number;
  planItemId?: number;
  purpose: string;
  phoneNext?: boolean;
  title: string;
}
interface Values {
  purpose: string;
  method: string;
  outcome: string;
  visitedAt: Dayjs;
  minutes?: number;
  membersMet?: string;
  companions?: string;
  opinions?: string;
  tags: string[];
  satisfaction?: number;
  needs?: string;
  needType?: string;
  createTicket?: boolean;
  careConcern?: boolean;
  careNote?: string;
  followUpOn?: Dayjs;
}

/** 巡访记录 (form 5.2): what was seen and heard; a need becomes a prefilled ticket, a care concern tells the assistant. */
export function HomeVisitModal({ target, onClose, onDone }: { target: VisitTarget | null; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const { estateId } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const open = target !== null;
  useResetOnOpen(form, open, target);
  const care = Form.useWatch('careConcern', form);
  const needs = Form.useWatch('needs', form);
  const tags = useQuery({ queryKey: ['visit-tags', estateId], queryFn: () => api<{ items: string[] }>('/api/v1/visit-tags', { query: { estateId } }), enabled: open && !!estateId });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<{ id: number; ticketId: number | null }>('/api/v1/home-visits', {
        body: {
          householdId: target!.householdId,
          ...(target!.planItemId ? { planItemId: target!.planItemId } : {}),
          purpose: v.purpose,
          method: v.method,
          outcome: v.outcome,
          visitedAt: v.visitedAt.toISOString(),
          minutes: v.minutes ?? null,
          membersMet: v.membersMet || null,
          companions: v.companions || null,
          opinions: v.opinions || null,
          tags: v.tags ?? [],
          satisfaction: v.satisfaction || null,
          needs: v.needs || null,
          needType: v.needType ?? null,
          createTicket: !!v.createTicket,
          careConcern: !!v.careConcern,
          careNote: v.careNote || null,
          followUpOn: v.followUpOn ? v.followUpOn.format('YYYY-MM-DD') : null,
        },
      }),
    onSuccess: (r) => {
      message.success(r.ticketId ? `${t('rel.visit.saved')} · ${t('rel.visit.ticketMade')}` : t('rel.visit.saved'));
      onDone();
    },
    onError: (err) => reportError(err, form),
  });
  const opts = (codes: readonly string[], labels: Record<string, { zh: string; en: string }>) => codes.map((c) => ({ value: c, label: label(labels, c) }));
  return (
    <Modal
      open={open}
      width={640}
      title={target ? `${t('rel.visit.record')} · ${target.title}` : ''}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, ...({ 'data-testid': 'home-visit-ok' } as Record<string, string>) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ purpose: target?.purpose ?? 'routine', method: target?.phoneNext ? 'phone' : 'in_home', outcome: 'met', visitedAt: dayjs(), tags: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <div style={GRID3}>
          <Form.Item name="purpose" label={t('rel.visit.purpose')}>
            <Select options={opts(VISIT_PURPOSES, VISIT_PURPOSE_LABELS)} />
          </Form.Item>
          <Form.Item name="method" label={t('rel.visit.method')}>
            <Select options={opts(VISIT_METHODS, VISIT_METHOD_LABELS)} />
          </Form.Item>
          <Form.Item name="outcome" label={t('rel.visit.outcome')}>
            <Select options={opts(VISIT_OUTCOMES, VISIT_OUTCOME_LABELS)} data-testid="visit-outcome" />
          </Form.Item>
        </div>
        <div style={GRID3}>
          <Form.Item name="visitedAt" label={t('rel.visit.visitedAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="membersMet" label={t('rel.visit.membersMet')}>
            <Input maxLength={200} data-testid="visit-members" />
          </Form.Item>
          <Form.Item name="minutes" label={t('rel.visit.minutes')}>
            <InputNumber min={1} max={600} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="opinions" label={t('rel.visit.opinions')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="visit-opinions" />
        </Form.Item>
        <div style={GRID2}>
          <Form.Item name="tags" label={t('rel.visit.tags')}>
            <Select mode="multiple" options={(tags.data?.items ?? []).map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="satisfaction" label={t('rel.visit.satisfaction')}>
            <Rate />
          </Form.Item>
        </div>
        <Form.Item name="needs" label={t('rel.visit.needs')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {needs && (
          <div style={GRID2}>
            <Form.Item name="needType" label={t('rel.visit.needType')}>
              <Select options={Object.keys(NEED_TYPE_LABELS).map((c) => ({ value: c, label: label(NEED_TYPE_LABELS, c) }))} />
            </Form.Item>
            <Form.Item name="createTicket" valuePropName="checked" label=" ">
              <Checkbox>{t('rel.visit.createTicket')}</Checkbox>
            </Form.Item>
          </div>
        )}
        <Form.Item name="careConcern" valuePropName="checked">
          <Checkbox>{t('rel.visit.careConcern')}</Checkbox>
        </Form.Item>
        {care && (
          <Form.Item name="careNote" label={t('rel.visit.careNote')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        <div style={GRID2}>
          <Form.Item name="companions" label={t('rel.visit.companions')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="followUpOn" label={t('rel.visit.followUpOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
