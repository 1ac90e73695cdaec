import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { Template, TemplateItem } from '../../api/rounds-types.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRoundsOptions } from './common.tsx';

type ItemForm = Omit<TemplateItem, 'id' | 'seq' | 'options'> & { options?: string | null };
interface TemplateForm {
  name: string;
  kind?: string;
  items: ItemForm[];
}

const toBody = (items: ItemForm[]) =>
  items.map((i) => ({
    label: i.label,
    answer: i.answer,
    ...(i.answer === 'number' ? { min: i.min ?? null, max: i.max ?? null, unit: i.unit ?? null } : {}),
    ...(i.answer === 'choice' ? { options: String(i.options ?? '').split(/[,，、]/).map((x) => x.trim()).filter(Boolean) } : {}),
    photoOnIssue: !!i.photoOnIssue,
    fixableOnSpot: !!i.fixableOnSpot,
    severity: i.severity ?? 'minor',
    ticketType: i.ticketType ?? 'repair',
    department: i.department ?? null,
    qualityDept: i.qualityDept ?? null,
  }));

/** 检查表模板: versions of each checklist; a draft is edited, publishing freezes it (design A.3.0). */
export default function TemplatesPage() {
  const { t } = useI18n();
  const { estateId } = useSession();
  const { k, kinds } = useRoundsOptions();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const list = useQuery({ queryKey: ['rounds-templates', estateId], queryFn: () => api<ListResponse<Template>>('/api/v1/rounds/templates', { query: { estateId } }), enabled: !!estateId });
  const refresh = () => qc.invalidateQueries({ queryKey: ['rounds-templates'] });
  const revise = async (id: number) => {
    const r = await api<{ id: number }>(`/api/v1/rounds/templates/${id}/revise`, { method: 'POST' });
    await refresh();
    setOpen(r.id);
  };
  return (
    <>
      <PageHeader
        title={t('nav.roundsTemplates')}
        subtitle={t('rounds.subtitleTemplates')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')} data-testid="template-new">{t('rounds.newTemplate')}</Button>}
      />
      <Card>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Template>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            data-testid="templates-table"
            columns={[
              { title: t('rounds.name'), dataIndex: 'name', render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
              { title: t('rounds.kind'), dataIndex: 'kind', width: 130, render: (v: string) => k('rounds.kind', v) },
              { title: t('rounds.version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
              { title: t('rounds.status'), dataIndex: 'status', width: 100, render: (v: string) => <Tag color={v === 'published' ? 'green' : 'gold'}>{k('rounds.tplStatus', v)}</Tag> },
              { title: t('rounds.items'), dataIndex: 'itemCount', width: 90, render: (n: number) => t('rounds.itemCount', { n }) },
              {
                title: t('common.actions'),
                key: 'op',
                width: 120,
                render: (_: unknown, r) =>
                  r.status === 'published' && !(list.data?.items ?? []).some((x) => x.familyId === r.familyId && x.status === 'draft') ? (
                    <Button size="small" onClick={() => revise(r.id).catch((e) => message.error(String(e.message)))}>{t('rounds.revise')}</Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      {open != null && <TemplateDrawer id={open} kinds={kinds} onClose={() => setOpen(null)} onSaved={refresh} />}
    </>
  );
}

function TemplateDrawer({ id, kinds, onClose, onSaved }: { id: number | 'new'; kinds: Array<{ value: string; label: string }>; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { estateId } = useSession();
  const { answers, departments, qualityDepts, severities } = useRoundsOptions();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateForm>();
  const detail = useQuery({ queryKey: ['rounds-template', id], queryFn: () => api<Template>(`/api/v1/rounds/templates/${id}`), enabled: id !== 'new' });
  const readOnly = id !== 'new' && detail.data?.status === 'published';
  const initial: TemplateForm | undefined =
    id === 'new'
      ? { name: '', kind: 'patrol', items: [{ label: '', answer: 'ok_issue', photoOnIssue: true, fixableOnSpot: false, severity: 'minor', ticketType: 'repair' } as ItemForm] }
      : detail.data && { name: detail.data.name, items: (detail.data.items ?? []).map((i) => ({ ...i, options: i.options?.join('，') ?? null })) };
  const { busy, submit } = useFormSubmit(form, async (v) => {
    if (id === 'new') await api('/api/v1/rounds/templates', { body: { estateId, kind: v.kind, name: v.name, items: toBody(v.items) } });
    else await api(`/api/v1/rounds/templates/${id}/draft`, { body: { name: v.name, items: toBody(v.items) } });
    message.success(t('common.saved'));
    await onSaved();
    onClose();
  });
  const publish = async () => {
    Modal.confirm({
      title: t('rounds.publish'),
      content: t('rounds.publishHint'),
      onOk: async () => {
        await api(`/api/v1/rounds/templates/${id}/publish`, { method: 'POST' });
        await onSaved();
        onClose();
      },
    });
  };
  return (
    <Drawer
      open
      width={920}
      onClose={onClose}
      title={id === 'new' ? t('rounds.newTemplate') : `${detail.data?.name ?? ''} v${detail.data?.version ?? ''}`}
      extra={
        !readOnly && (
          <Space>
            {id !== 'new' && <Button onClick={publish} data-testid="template-publish">{t('rounds.publish')}</Button>}
            <Button type="primary" loading={busy} onClick={submit} data-testid="template-save">{t('rounds.saveDraft')}</Button>
          </Space>
        )
      }
    >
      {detail.error && <ErrorResult error={detail.error} />}
      {initial && (
        <Form form={form} layout="vertical" initialValues={initial} disabled={readOnly}>
          {readOnly && <Typography.Paragraph type="secondary">{t('rounds.publishHint')}</Typography.Paragraph>}
          <Flex gap={12}>
            <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input maxLength={100} data-testid="template-name" />
            </Form.Item>
            {id === 'new' && (
              <Form.Item name="kind" label={t('rounds.kind')} rules={[{ required: true }]} style={{ width: 200 }}>
                <Select options={kinds} />
              </Form.Item>
            )}
          </Flex>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={`${i + 1}.`} extra={!readOnly && fields.length > 1 && <a onClick={() => remove(f.name)}>{t('common.remove')}</a>}>
                    <Flex gap={8} wrap>
                      <Form.Item name={[f.name, 'label']} label={t('rounds.itemLabel')} rules={[{ required: true }]} style={{ flex: 2, minWidth: 200 }}>
                        <Input maxLength={100} data-testid={`item-label-${i}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'answer']} label={t('rounds.answerType')} style={{ width: 140 }}>
                        <Select options={answers} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'department']} label={t('rounds.department')} style={{ width: 130 }}>
                        <Select allowClear options={departments} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'severity']} label={t('rounds.severity')} style={{ width: 100 }}>
                        <Select options={severities} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'qualityDept']} label={t('rounds.qualityDept')} style={{ width: 120 }}>
                        <Select allowClear options={qualityDepts} />
                      </Form.Item>
                    </Flex>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const a = form.getFieldValue(['items', f.name, 'answer']);
                        return (
                          <Flex gap={8} wrap align="center">
                            {a === 'number' && (
                              <>
                                <Form.Item name={[f.name, 'min']} label={t('rounds.min')}><InputNumber /></Form.Item>
                                <Form.Item name={[f.name, 'max']} label={t('rounds.max')}><InputNumber /></Form.Item>
                                <Form.Item name={[f.name, 'unit']} label={t('rounds.unit')}><Input style={{ width: 80 }} maxLength={16} /></Form.Item>
                              </>
                            )}
                            {a === 'choice' && (
                              <Form.Item name={[f.name, 'options']} label={t('rounds.options')} style={{ flex: 1 }}><Input /></Form.Item>
                            )}
                            <Form.Item name={[f.name, 'photoOnIssue']} valuePropName="checked" style={{ marginBottom: 0 }}><Checkbox>{t('rounds.photoOnIssue')}</Checkbox></Form.Item>
                            <Form.Item name={[f.name, 'fixableOnSpot']} valuePropName="checked" style={{ marginBottom: 0 }}><Checkbox>{t('rounds.fixable')}</Checkbox></Form.Item>
                          </Flex>
                        );
                      }}
                    </Form.Item>
                  </Card>
                ))}
                {!readOnly && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ label: '', answer: 'ok_issue', photoOnIssue: true, fixableOnSpot: false, severity: 'minor', ticketType: 'repair' })} data-testid="item-add">
                    {t('rounds.addItem')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
