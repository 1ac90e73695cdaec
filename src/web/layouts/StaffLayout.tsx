import {
  SnippetsOutlined,
  FundOutlined,
  TrophyOutlined,
  RiseOutlined,
  ControlOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
  ApartmentOutlined,
  BarChartOutlined,
  FormOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SettingOutlined,
  ToolOutlined,
  AccountBookOutlined,
  AlertOutlined,
  AuditOutlined as ApproveOutlined,
  CalculatorOutlined,
  DashboardOutlined,
  FileTextOutlined,
  LineChartOutlined,
  KeyOutlined,
  LockOutlined,
  MoneyCollectOutlined,
  SlidersOutlined,
  ScheduleOutlined,
  OrderedListOutlined,
  QrcodeOutlined,
  NodeIndexOutlined,
  CalendarOutlined,
  FlagOutlined,
  NotificationOutlined,
  SmileOutlined,
  InboxOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Select, Tag, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useSession } from '../app/session.tsx';
import { NotificationBell } from '../components/desk/NotificationBell.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { lazyDialog } from '../components/lazyParts.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { roleColor } from '../components/tags.tsx';
import { useI18n } from '../i18n/index.tsx';
import { MENU_ENTRIES, type MenuIcon, menuFor } from './menu.ts';

// The password form (antd's Form) is fetched when the user first asks to change the password.
const ChangePasswordDialog = lazyDialog(() => import('../components/ChangePasswordDialog.tsx').then((m) => m.ChangePasswordDialog), (p) => p.open);

const ICONS: Record<MenuIcon, ReactNode> = {
  tickets: <ProfileOutlined />,
  register: <FormOutlined />,
  work: <ToolOutlined />,
  visits: <PhoneOutlined />,
  reports: <BarChartOutlined />,
  deskSettings: <SettingOutlined />,
  cashier: <MoneyCollectOutlined />,
  billing: <CalculatorOutlined />,
  lines: <AccountBookOutlined />,
  notices: <FileTextOutlined />,
  arrears: <AlertOutlined />,
  close: <LockOutlined />,
  approvals: <ApproveOutlined />,
  stats: <LineChartOutlined />,
  readings: <DashboardOutlined />,
  feeSettings: <SlidersOutlined />,
  units: <HomeOutlined />,
  households: <TeamOutlined />,
  imports: <CloudUploadOutlined />,
  users: <UsergroupAddOutlined />,
  audit: <AuditOutlined />,
  roundsTasks: <ScheduleOutlined />,
  roundsTemplates: <OrderedListOutlined />,
  roundsCheckpoints: <QrcodeOutlined />,
  roundsRoutes: <NodeIndexOutlined />,
  roundsPlans: <CalendarOutlined />,
  roundsFindings: <FlagOutlined />,
  roundsReports: <FundOutlined />,
  residentNotices: <NotificationOutlined />,
  activities: <SmileOutlined />,
  mail: <InboxOutlined />,
  forms: <SnippetsOutlined />,
  pack: <FundOutlined />,
  performance: <TrophyOutlined />,
  improvement: <RiseOutlined />,
  kpis: <ControlOutlined />,
};


export default function StaffLayout() {
  const { t, roleLabel } = useI18n();
  const { me, can, estates, estateId, setEstateId } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const items = menuFor(me.user.role).map((g) => ({
    type: 'group' as const,
    key: g.key,
    label: collapsed ? null : t(g.label),
    children: g.entries.map((m) => ({ key: m.path, icon: ICONS[m.icon], label: t(m.label) })),
  }));
  const selected = MENU_ENTRIES.find((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`))?.path;

  const doLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout className="wd-shell">
      <Layout.Sider
        width={220}
        collapsedWidth={64}
        collapsed={collapsed}
        breakpoint="lg"
        onBreakpoint={(broken) => setCollapsed(broken)}
        trigger={null}
        className="wd-sider"
      >
        <Flex className="wd-brand" align="center" gap={10} onClick={() => navigate('/')}>
          <span className="wd-logo-mark">
            <HomeOutlined />
          </span>
          {!collapsed && (
            <div className="wd-brand-text">
              <div className="wd-brand-name">{t('app.brand')}</div>
              <div className="wd-brand-sub">{t('app.brandSub')}</div>
            </div>
          )}
        </Flex>
        <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} onClick={(e) => navigate(e.key)} data-testid="main-menu" />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="wd-header">
          <Flex align="center" gap={12} style={{ minWidth: 0 }}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              aria-label={t('nav.toggleMenu')}
            />
            <ApartmentOutlined className="wd-header-icon" />
            {estates.length ? (
              <Select
                value={estateId}
                onChange={setEstateId}
                options={estates.map((e) => ({ value: e.id, label: e.name }))}
                style={{ minWidth: 180 }}
                variant="filled"
                aria-label={t('nav.estate')}
                data-testid="estate-select"
              />
            ) : (
              <Typography.Text type="secondary">{t('nav.noEstate')}</Typography.Text>
            )}
          </Flex>
          <Flex align="center" gap={16}>
            {can('desk.read') && <NotificationBell ticketPath={(id) => `/desk/tickets/${id}`} />}
            <LangSwitch size="small" />
            <Dropdown
              trigger={['click']}
              menu={{ items: [{ key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-password">{t('password.menu')}</span> }], onClick: () => setChangingPassword(true) }}
            >
              <Flex align="center" gap={8} className="wd-user" data-testid="user-menu" title={me.user.username} style={{ cursor: 'pointer' }}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
                <span className="wd-user-name">{me.user.displayName}</span>
                <Tag color={roleColor(me.user.role)} style={{ marginInlineEnd: 0 }} data-testid="user-role">
                  {roleLabel(me.user.role)}
                </Tag>
              </Flex>
            </Dropdown>
            <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
            <Button type="text" icon={<LogoutOutlined />} onClick={doLogout} data-testid="logout">
              {t('nav.logout')}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content className="wd-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
