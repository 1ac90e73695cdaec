import { useMutation } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { AUDIENCE_KINDS, AUDIENCE_PEOPLE, NOTICE_CATEGORIES, needsApproval } from '../../../core/notices.ts';
import { api } from '../../api/client.ts';
import type { ResidentNotice } from '../../api/notices-types.ts';
import { useSession } from '../../app/session.tsx';
import { fieldsIn } from '../../components/forms.ts';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { fromLocalInput, toLocalInput, useBuildings } from './noticeParts.tsx';

interface Values {
  category: string;
  title: string;
  body: string;
  audienceKind: string;
  ids?: Array<number | string>;
  idsText?: string;
  audiencePeople: string;
  requireAck: boolean;
  pinned: boolean;
  publishAt?: string;
  expiresAt?: string;
}

/** New notice, or a draft's edit (a PATCH of the whole form; only drafts change). */
export function NoticeFormModal({ open, notice, onClose, onSaved }: { open: boolean; notice?: ResidentNotice | null; onClose: () => void; onSaved: (id: number) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { estateId, estate } = useSession();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('audienceKind', form);
  const category = Form.useWatch('category', form);
  const buildings = useBuildings(estateId);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (notice) {
      const typed = notice.audienceKind === 'entrances' || notice.audienceKind === 'units';
      form.setFieldsValue({ ...notice, ids: typed ? undefined : notice.audienceIds, idsText: typed ? notice.audienceIds.join(',') : undefined, publishAt: toLocalInput(notice.publishAt), expiresAt: toLocalInput(notice.expiresAt) });
    }
  }, [open, notice, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const typed = v.audienceKind === 'entrances' || v.audienceKind === 'units';
      const audienceIds =
        v.audienceKind === 'estate'
          ? []
          : typed
            ? (v.idsText ?? '').split(/[,，\s]+/).filter(Boolean).map((x) => (v.audienceKind === 'units' ? Number(x) : x))
            : (v.ids ?? []);
      const body = { category: v.category, title: v.title, body: v.body, audienceKind: v.audienceKind, audienceIds, audiencePeople: v.audiencePeople, requireAck: !!v.requireAck, pinned: !!v.pinned, publishAt: fromLocalInput(v.publishAt), expiresAt: fromLocalInput(v.expiresAt) };
      return notice ? api<{ id: number }>(`/api/v1/notices/${notice.id}`, { method: 'PATCH', body }) : api<{ id: number }>('/api/v1/notices', { body: { estateId, ...body } });
    },
    onSuccess: (r) => {
      message.success(t('rn.saved'));
      onSaved(r.id);
    },
    onError: (err) => reportError(err, form, (p) => (p.startsWith('audienceIds') ? ['ids'] : fieldsIn('category', 'title', 'body', 'audienceKind', 'audiencePeople', 'publishAt', 'expiresAt')(p))),
  });
  const areas = estate?.areas ?? [];
  return (
    <Modal open={open} title={notice ? `${t('common.edit')} · ${notice.number ?? ''}` : t('rn.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('rn.save')} confirmLoading={save.isPending} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ category: 'notice', audienceKind: 'buildings', audiencePeople: 'residents', requireAck: false, pinned: false }} data-testid="notice-form">
        <Form.Item name="category" label={t('rn.category')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: t(`rn.cat.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('rn.titleField')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="body" label={t('rn.body')} rules={[{ required: true, max: 20000 }]}>
          <Input.TextArea rows={6} data-testid="notice-body" />
        </Form.Item>
        <Form.Item name="audienceKind" label={t('rn.audienceKind')}>
          <Radio.Group options={AUDIENCE_KINDS.map((k) => ({ value: k, label: t(`rn.kind.${k}` as MessageKey) }))} />
        </Form.Item>
        {kind === 'areas' && (
          <Form.Item name="ids" label={t('rn.audienceIds')} rules={[{ required: true }]}>
            <Select mode="multiple" options={areas.map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
        )}
        {kind === 'buildings' && (
          <Form.Item name="ids" label={t('rn.audienceIds')} rules={[{ required: true }]}>
            <Select mode="multiple" data-testid="notice-buildings" optionFilterProp="label" options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
        )}
        {(kind === 'entrances' || kind === 'units') && (
          <Form.Item name="idsText" label={t('rn.audienceIds')} extra={t(kind === 'units' ? 'rn.unitsHint' : 'rn.entrancesHint')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="audiencePeople" label={t('rn.people')}>
          <Radio.Group options={AUDIENCE_PEOPLE.map((k) => ({ value: k, label: t(`rn.people.${k}` as MessageKey) }))} />
        </Form.Item>
        <div className="wd-rn-row">
          <Form.Item name="publishAt" label={t('rn.publishAt')} extra={t('rn.publishAtHelp')}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('rn.expiresAt')}>
            <Input type="datetime-local" data-testid="notice-expires" />
          </Form.Item>
        </div>
        <Form.Item name="requireAck" valuePropName="checked" noStyle>
          <Checkbox data-testid="notice-ack">{t('rn.requireAck')}</Checkbox>
        </Form.Item>
        <Form.Item name="pinned" valuePropName="checked" noStyle>
          <Checkbox>{t('rn.pinned')}</Checkbox>
        </Form.Item>
        {category && kind && needsApproval({ category: category as never, audienceKind: kind as never }) && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('rn.needsApproval')} />}
      </Form>
    </Modal>
  );
}
