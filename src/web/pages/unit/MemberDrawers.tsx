import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Flex, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import type { Archive, Household, Member } from '../../api/types.ts';
import { DrawerActions } from '../../components/DrawerActions.tsx';
import { useResetOnOpen } from '../../components/forms.ts';
import { ListItemCard } from '../../components/ListItemCard.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';
import { MemberFields, type MemberValues, memberBody } from './MemberFields.tsx';

/** The member drawer and the register-household drawer of MembersTab, loaded on their first open. */
export function MemberDrawer({ household, member, onClose, onDone }: { household: Household; member: Member | 'new' | null; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberValues>();
  const editing = member !== null && member !== 'new';
  const initial: Partial<MemberValues> = editing
    ? {
        name: member.name,
        relation: member.relation,
        gender: (member.gender as 'M' | 'F' | null) ?? undefined,
        birthYear: member.birthYear,
        isHead: member.isHead,
        isOwner: member.isOwner,
        occupation: member.occupation ?? undefined,
        employer: member.employer ?? undefined,
        specialties: member.specialties ?? undefined,
        hobbies: member.hobbies ?? undefined,
        careFlags: member.careFlags,
        notes: member.notes ?? undefined,
      }
    : { relation: 'child', careFlags: [] };
  useResetOnOpen(form, member !== null, editing ? member.id : member);

  const { busy, submit } = useFormSubmit(form, async (v) => {
    if (editing) await api(`/api/v1/members/${member.id}`, { method: 'PATCH', body: memberBody(v, true) });
    else await api(`/api/v1/households/${household.id}/members`, { body: memberBody(v, false) });
    message.success(editing ? t('common.saved') : t('member.added', { name: v.name }));
    await onDone();
    onClose();
  });

  return (
    <Drawer
      open={member !== null}
      size={640}
      title={editing ? t('member.editTitle', { name: member.name }) : t('member.addTitle', { household: household.name })}
      onClose={onClose}
      destroyOnHidden
      extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} testId="member-submit" />}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <MemberFields editing={editing} />
      </Form>
    </Drawer>
  );
}

interface RegisterValues {
  name: string;
  movedInOn?: Dayjs;
  notes?: string;
  members: MemberValues[];
}

export function RegisterHousehold({ open, archive, onClose, onDone }: { open: boolean; archive: Archive; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const owner = archive.ownerships.find((o) => !o.endedOn)?.ownerName;
  useResetOnOpen(form, open);

  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api('/api/v1/households', {
      body: {
        unitId: archive.unit.id,
        name: v.name.trim(),
        movedInOn: v.movedInOn ? v.movedInOn.format('YYYY-MM-DD') : null,
        notes: v.notes?.trim() || null,
        members: v.members.map((m) => memberBody(m, false)),
      },
    });
    message.success(t('household.registered', { name: v.name }));
    await onDone();
    onClose();
  });

  return (
    <Drawer
      open={open}
      size={760}
      title={t('household.registerTitle', { unit: archive.unit.label })}
      onClose={onClose}
      destroyOnHidden
      extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} testId="household-submit" />}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: owner ? t('household.defaultName', { name: owner }) : '',
          members: [{ name: owner ?? '', relation: 'head', isHead: true, isOwner: !!owner, careFlags: [] }],
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item name="name" label={t('household.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ flex: '1 1 240px' }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="movedInOn" label={t('household.movedInOn')} style={{ flex: '0 0 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t('common.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <ListItemCard key={f.key} title={t('household.memberN', { n: i + 1 })} onRemove={fields.length > 1 ? () => remove(f.name) : undefined}>
                  <MemberFields prefix={[f.name]} compact />
                </ListItemCard>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ relation: 'spouse', careFlags: [] })}>
                {t('member.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
