import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Drawer, Empty, Flex, Form, Input, Modal, Popconfirm, Row, Select, Space, Spin, Switch, Table, type TableColumnsType, Tag, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DEPARTMENT_LABELS } from '../../core/desk-labels.ts';
import { PHONE_PATTERN } from '../../core/mask.ts';
import { passwordProblem } from '../../core/password.ts';
import { ROLES, type Role } from '../../core/roles.ts';
import { DEPARTMENTS } from '../../core/tickets.ts';
import { api } from '../api/client.ts';
import type { ListResponse, Unit, User } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { DrawerActions } from '../components/DrawerActions.tsx';
import { toNamePath, useResetOnOpen } from '../components/forms.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorResult } from '../components/Results.tsx';
import { roleColor } from '../components/tags.tsx';
import { useFormSubmit } from '../components/useFormSubmit.ts';
import { useListParams } from '../components/useListParams.ts';
import { useReportError } from '../components/useReportError.ts';
import { useI18n } from '../i18n/index.tsx';
import { ListSearch } from '../components/ListSearch.tsx';

const PASSWORD_MESSAGES = { 'field.password': 'users.passwordRule', 'field.passwordCommon': 'users.passwordCommon', 'field.passwordUsername': 'users.passwordUsername' } as const;

/** core/password.ts's rule as a form rule; the server applies the same one. */
function passwordRule(t: (key: (typeof PASSWORD_MESSAGES)[keyof typeof PASSWORD_MESSAGES]) => string, username: () => string | undefined) {
  return {
    validator: async (_: unknown, value?: string) => {
      const key = value ? passwordProblem(value, username()) : null;
      if (key) throw new Error(t(PASSWORD_MESSAGES[key as keyof typeof PASSWORD_MESSAGES] ?? 'users.passwordRule'));
    },
  };
}

/** Label of a unit by id ("1-1-1201"), fetched once and cached by react-query. */
function UnitName({ id }: { id: number }) {
  const q = useQuery({ queryKey: ['unit', id], queryFn: () => api<Unit>(`/api/v1/units/${id}`), staleTime: 5 * 60_000 });
  return <Tag>{q.data?.label ?? `#${id}`}</Tag>;
}

function ScopeTags({ user }: { user: User }) {
  const { t } = useI18n();
  const { estateName, areaName } = useSession();
  if (user.role === 'admin') return <Tag color="magenta">{t('users.scope.all')}</Tag>;
  if (user.role === 'owner')
    return user.unitIds.length ? (
      <span className="wd-tags">
        {user.unitIds.map((id) => (
          <UnitName key={id} id={id} />
        ))}
      </span>
    ) : (
      <Typography.Text type="warning">{t('users.scope.noUnits')}</Typography.Text>
    );
  if (!user.scopes.length) return <Typography.Text type="warning">{t('users.scope.none')}</Typography.Text>;
  return (
    <span className="wd-tags">
      {user.scopes.map((s) => (
        <Tag key={`${s.estateId}:${s.areaId ?? ''}`} color={s.areaId ? 'blue' : 'geekblue'}>
          {estateName(s.estateId) ?? `#${s.estateId}`}
          {' · '}
          {s.areaId ? (areaName(s.areaId) ?? `#${s.areaId}`) : t('users.scope.wholeEstate')}
        </Tag>
      ))}
    </span>
  );
}

/** 用户管理: accounts, roles, data scopes (estates/areas, or an owner's units). */
export default function UsersPage() {
  const { t, roleLabel, label } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const qc = useQueryClient();
  const { params, update } = useListParams();
  const q = params.get('q') ?? '';
  const role = (params.get('role') as Role | null) ?? undefined;
  const active = params.get('active') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const list = useQuery({
    queryKey: ['users', { q, role, active, page }],
    queryFn: () => api<ListResponse<User>>('/api/v1/users', { query: { q: q || undefined, role, active, page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  const setActive = async (u: User, value: boolean) => {
    try {
      await api(`/api/v1/users/${u.id}`, { method: 'PATCH', body: { active: value } });
      message.success(value ? t('users.activated', { name: u.displayName }) : t('users.deactivated', { name: u.displayName }));
      await refresh();
    } catch (err) {
      report(err);
    }
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 110,
      render: (v: string) => <span className="wd-mono">{v}</span>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 180 },
    { title: t('users.role'), dataIndex: 'role', width: 150, render: (r: Role) => <Tag color={roleColor(r)}>{roleLabel(r)}</Tag> },
    { title: t('users.scope'), key: 'scope', render: (_: unknown, u) => <ScopeTags user={u} /> },
    { title: t('users.department'), dataIndex: 'department', width: 110, render: (v: string | null) => (v ? label(DEPARTMENT_LABELS, v) : '—') },
    {
      title: t('users.active'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) => (v ? <Badge status="success" text={t('users.activeYes')} /> : <Badge status="default" text={t('users.activeNo')} />),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 290,
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
            {t('users.resetPassword')}
          </Button>
          {u.active ? (
            <Popconfirm
              title={t('users.deactivateConfirm', { name: u.displayName })}
              description={t('users.deactivateHint')}
              okText={t('users.deactivate')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => setActive(u, false)}
              disabled={u.id === me.user.id}
            >
              <Button size="small" type="link" danger icon={<StopOutlined />} disabled={u.id === me.user.id}>
                {t('users.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" type="link" icon={<CheckCircleOutlined />} onClick={() => setActive(u, true)}>
              {t('users.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-user">
            {t('users.new')}
          </Button>
        }
      />
      <Card size="small" styles={{ body: { paddingTop: 12 } }}>
        <Flex gap={8} wrap className="wd-filters">
          <ListSearch button q={q} onSearch={(v) => update({ q: v })} placeholder={t('users.searchPlaceholder')} width={280} />
          <Select
            allowClear
            placeholder={t('users.role')}
            value={role}
            onChange={(v) => update({ role: v })}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder={t('users.active')}
            value={active}
            onChange={(v) => update({ active: v })}
            options={[
              { value: '1', label: t('users.activeYes') },
              { value: '0', label: t('users.activeNo') },
            ]}
            style={{ width: 120 }}
          />
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 1150 }}
            rowClassName={(u) => (u.active ? '' : 'wd-row-muted')}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.none')} /> }}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showTotal: (n) => t('common.total', { n }),
              onChange: (p) => update({ page: p === 1 ? undefined : p }, false),
            }}
            data-testid="users-table"
          />
        )}
      </Card>
      <UserDrawer user={editing} onClose={() => setEditing(null)} onDone={refresh} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  password?: string;
  phone?: string;
  department?: string;
  scopes?: string[];
  unitIds?: number[];
  active?: boolean;
}

const scopeKey = (s: { estateId: number; areaId?: number | null }) => (s.areaId ? `a:${s.estateId}:${s.areaId}` : `e:${s.estateId}`);
function scopeOf(key: string): { estateId: number; areaId: number | null } {
  const [kind, e, a] = key.split(':');
  return { estateId: Number(e), areaId: kind === 'a' ? Number(a) : null };
}

function UserDrawer({ user, onClose, onDone }: { user: User | 'new' | null; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t, roleLabel, label } = useI18n();
  const { estates, me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserValues>();
  const editing = user !== null && user !== 'new';
  // The server refuses a change of one's own role or scope (403): say so instead of offering it.
  const self = editing && user.id === me.user.id;
  const role = Form.useWatch('role', form);
  useResetOnOpen(form, user !== null, editing ? user.id : user);

  const treeData = useMemo(
    () =>
      estates.map((e) => ({
        value: `e:${e.id}`,
        title: e.name,
        children: e.areas.map((a) => ({ value: `a:${e.id}:${a.id}`, title: a.name })),
      })),
    [estates],
  );

  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      const text = (s?: string) => (s?.trim() ? s.trim() : null);
      const body: Record<string, unknown> = {
        displayName: v.displayName.trim(),
        role: v.role,
        phone: text(v.phone),
        department: v.department ?? null,
        scopes: v.role === 'owner' || v.role === 'admin' ? [] : (v.scopes ?? []).map(scopeOf),
        unitIds: v.role === 'owner' ? (v.unitIds ?? []) : [],
      };
      if (editing) {
        if (v.active !== undefined && v.active !== user.active) body.active = v.active;
        await api(`/api/v1/users/${user.id}`, { method: 'PATCH', body });
        message.success(t('common.saved'));
      } else {
        await api('/api/v1/users', { body: { ...body, username: v.username.trim(), password: v.password } });
        message.success(t('users.created', { name: v.displayName }));
      }
      await onDone();
      onClose();
    },
    (path) => {
      const top = path.split('.')[0];
      if (top === 'scopes') return ['scopes'];
      return ['username', 'displayName', 'role', 'password', 'phone', 'department', 'unitIds', 'active'].includes(top) ? toNamePath(top) : null;
    },
  );

  return (
    <Drawer
      open={user !== null}
      size={600}
      title={editing ? t('users.editTitle', { name: user.displayName }) : t('users.new')}
      onClose={onClose}
      destroyOnHidden
      extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} testId="user-submit" />}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                phone: user.phone ?? undefined,
                department: user.department ?? undefined,
                scopes: user.scopes.map(scopeKey),
                unitIds: user.unitIds,
                active: user.active,
              }
            : { role: 'front_desk', scopes: [], unitIds: [] }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label={t('users.username')}
              rules={[
                { required: true, message: t('form.required') },
                { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('users.usernameRule') },
              ]}
            >
              <Input disabled={editing} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} disabled={self} />
            </Form.Item>
          </Col>
          {!editing ? (
            <Col span={12}>
              <Form.Item name="password" label={t('users.password')} rules={[{ required: true, message: t('form.required') }, passwordRule(t, () => form.getFieldValue('username'))]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          ) : (
            <Col span={12}>
              <Form.Item name="active" label={t('users.active')} valuePropName="checked">
                <Switch checkedChildren={t('users.activeYes')} unCheckedChildren={t('users.activeNo')} disabled={user.id === me.user.id} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('form.phone') }]}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="department" label={t('users.department')}>
              <Select allowClear options={DEPARTMENTS.map((d) => ({ value: d, label: label(DEPARTMENT_LABELS, d) }))} placeholder={t('users.departmentNone')} />
            </Form.Item>
          </Col>
        </Row>
        {self && <Alert type="info" showIcon title={t('users.selfAccessHint')} style={{ marginBottom: 16 }} />}
        {role === 'admin' && <Alert type="info" showIcon title={t('users.scope.adminHint')} />}
        {role && role !== 'admin' && role !== 'owner' && (
          <Form.Item
            name="scopes"
            label={t('users.scope')}
            extra={t('users.scope.hint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('users.scope.required') }]}
          >
            <TreeSelect
              treeData={treeData}
              treeCheckable
              showCheckedStrategy={TreeSelect.SHOW_PARENT}
              treeDefaultExpandAll
              disabled={self}
              placeholder={t('users.scope.placeholder')}
              style={{ width: '100%' }}
              data-testid="scope-select"
            />
          </Form.Item>
        )}
        {role === 'owner' && (
          <Form.Item name="unitIds" label={t('users.units')} extra={t('users.unitsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('users.unitsRequired') }]}>
            <UnitPicker initial={editing ? user.unitIds : []} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

/** Multi-select of units found by /api/v1/units?q= (房号, 姓名 or 电话). */
function UnitPicker({ value, onChange, initial }: { value?: number[]; onChange?: (v: number[]) => void; initial: number[] }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Array<{ value: number; label: string }>>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<number, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let cancelled = false;
    void Promise.all(initial.map((id) => api<Unit>(`/api/v1/units/${id}`).catch(() => null))).then((units) => {
      if (cancelled) return;
      for (const u of units) if (u) known.current.set(u.id, describe(u));
      setOptions([...known.current].map(([value, label]) => ({ value, label })));
    });
    return () => {
      cancelled = true;
    };
  }, [initial]);

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const res = await api<ListResponse<Unit>>('/api/v1/units', { query: { q: q.trim(), pageSize: 20 } });
        for (const u of res.items) known.current.set(u.id, describe(u));
        const selected = (value ?? []).map((id) => ({ value: id, label: known.current.get(id) ?? `#${id}` }));
        const found = res.items.filter((u) => !(value ?? []).includes(u.id)).map((u) => ({ value: u.id, label: describe(u) }));
        setOptions([...selected, ...found]);
      } finally {
        setLoading(false);
      }
    }, 300);
  };

  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: search }}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : t('users.unitsSearchHint')}
      placeholder={t('users.unitsPlaceholder')}
      style={{ width: '100%' }}
      data-testid="unit-picker"
    />
  );
}

function describe(u: Unit): string {
  return `${u.label}${u.ownerNames.length ? ` · ${u.ownerNames.join('、')}` : ''}`;
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  useResetOnOpen(form, user !== null, user?.id);
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api(`/api/v1/users/${user!.id}/password`, { body: { password: v.password } });
    message.success(t('users.passwordReset', { name: user!.displayName }));
    onClose();
  });
  return (
    <Modal open={user !== null} title={t('users.resetTitle', { name: user?.displayName ?? '' })} onOk={submit} okText={t('users.resetPassword')} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label={t('users.newPassword')} rules={[{ required: true, message: t('form.required') }, passwordRule(t, () => user?.username)]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
