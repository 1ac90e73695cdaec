import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../api/client.ts';
import type { Holiday } from '../../../api/desk-types.ts';
import type { ListResponse } from '../../../api/types.ts';
import { fieldsIn } from '../../../components/forms.ts';
import { ErrorResult } from '../../../components/Results.tsx';
import { useReportError } from '../../../components/useReportError.ts';
import { useT } from '../../../i18n/index.tsx';

interface Values {
  date: Dayjs;
  kind: 'off' | 'work';
  name: string;
}

/** 节假日与调休: days off that stop the working-hours clock, and weekend days that are worked. */
export function Holidays({ estateId, canEdit }: { estateId: number; canEdit: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: ['holidays', estateId], queryFn: () => api<ListResponse<Holiday>>('/api/v1/desk/holidays', { query: { estateId } }) });
  const add = useMutation({
    mutationFn: (v: Values) => api('/api/v1/desk/holidays', { body: { estateId, date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim() } }),
    onSuccess: () => {
      message.success(t('common.saved'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['holidays', estateId] });
    },
    onError: (err) => reportError(err, form, fieldsIn('date', 'kind', 'name')),
  });
  const retire = useMutation({
    mutationFn: (id: number) => api(`/api/v1/desk/holidays/${id}`, { method: 'PATCH', body: { archived: true } }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['holidays', estateId] });
    },
    onError: (err) => reportError(err),
  });
  return (
    <>
      {canEdit && (
        <Form<Values> form={form} layout="inline" initialValues={{ kind: 'off' }} onFinish={(v) => add.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }} data-testid="holiday-form">
          <Form.Item name="date" rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker placeholder={t('settings.holidayDate')} />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 130 }}
              options={[
                { value: 'off', label: t('settings.holiday.off') },
                { value: 'work', label: t('settings.holiday.work') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input placeholder={t('settings.holidayName')} maxLength={64} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            {t('settings.addHoliday')}
          </Button>
        </Form>
      )}
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <Table<Holiday>
          rowKey="id"
          size="small"
          dataSource={list.data?.items}
          loading={list.isPending}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          locale={{ emptyText: t('settings.noHolidays') }}
          columns={[
            { title: t('settings.holidayDate'), dataIndex: 'date', width: 140 },
            { title: t('settings.holidayKind'), dataIndex: 'kind', width: 140, render: (v: string) => (v === 'off' ? <Tag color="red">{t('settings.holiday.off')}</Tag> : <Tag color="blue">{t('settings.holiday.work')}</Tag>) },
            { title: t('settings.holidayName'), dataIndex: 'name' },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 100,
                    render: (_: unknown, h: Holiday) => (
                      <Popconfirm title={t('settings.retireConfirm')} onConfirm={() => retire.mutate(h.id)}>
                        <Button size="small" type="link" danger>
                          {t('settings.retire')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
