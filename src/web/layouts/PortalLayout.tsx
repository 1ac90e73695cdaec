import { AccountBookOutlined, CoffeeOutlined, EditOutlined, FormOutlined, HomeOutlined, InboxOutlined, KeyOutlined, LogoutOutlined, NotificationOutlined, ProfileOutlined, SmileOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useLogout, useSession } from '../app/session.tsx';
import { NotificationBell } from '../components/desk/NotificationBell.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { lazyDialog } from '../components/lazyParts.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { type MessageKey, useT } from '../i18n/index.tsx';
import { UnreadNotices } from '../pages/portal/UnreadNotices.tsx';

// The password form (antd's Form) is fetched when the user first asks to change the password.
const ChangePasswordDialog = lazyDialog(() => import('../components/ChangePasswordDialog.tsx').then((m) => m.ChangePasswordDialog), (p) => p.open);

const NAV: Array<{ to: string; label: MessageKey; icon: ReactNode; end?: boolean; badge?: ReactNode }> = [
  { to: '/portal', label: 'portal.myHome', icon: <HomeOutlined />, end: true },
  { to: '/portal/tickets', label: 'portal.myTickets', icon: <ProfileOutlined />, end: true },
  { to: '/portal/tickets/new', label: 'portal.newTicket', icon: <EditOutlined /> },
  { to: '/portal/fees', label: 'fees.portal.title', icon: <AccountBookOutlined /> },
  { to: '/portal/renovations', label: 'reno.portal.title', icon: <ToolOutlined /> },
  { to: '/portal/vacant', label: 'field.portalVacant', icon: <KeyOutlined /> },
  { to: '/portal/visits', label: 'rel.ov.title', icon: <CoffeeOutlined /> },
  { to: '/portal/surveys', label: 'rel.survey.portalTitle', icon: <FormOutlined /> },
  { to: '/portal/notices', label: 'portal.notices', icon: <NotificationOutlined />, badge: <UnreadNotices /> },
  { to: '/portal/activities', label: 'portal.activities', icon: <SmileOutlined /> },
  { to: '/portal/mail', label: 'mail.portal.title', icon: <InboxOutlined /> },
];

/** The owner portal: one narrow column that reads well on a phone. */
export default function PortalLayout() {
  const t = useT();
  const { me } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <Layout className="wd-portal">
      <header className="wd-portal-header">
        <Flex className="wd-portal-bar" align="center" justify="space-between" gap={8}>
          <Flex align="center" gap={10} onClick={() => navigate('/portal')} className="wd-portal-brand">
            <span className="wd-logo-mark">
              <HomeOutlined />
            </span>
            <div>
              <div className="wd-portal-title">{t('app.name')}</div>
              <div className="wd-portal-sub">{t('portal.subtitle')}</div>
            </div>
          </Flex>
          <Flex align="center" gap={4}>
            <NotificationBell ticketPath={(id) => `/portal/tickets/${id}`} />
            <LangSwitch size="small" />
            <Button
              type="text"
              icon={<KeyOutlined />}
              aria-label={t('password.menu')}
              title={t('password.menu')}
              data-testid="menu-password"
              onClick={() => setChangingPassword(true)}
              className="wd-portal-logout"
            />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              aria-label={t('nav.logout')}
              title={t('nav.logout')}
              data-testid="logout"
              onClick={async () => {
                await logout();
                navigate('/login', { replace: true });
              }}
              className="wd-portal-logout"
            />
          </Flex>
        </Flex>
        <div className="wd-portal-hello">
          <Typography.Text className="wd-portal-hello-text">{t('portal.hello', { name: me.user.displayName })}</Typography.Text>
        </div>
        <nav className="wd-portal-nav" data-testid="portal-nav">
          {NAV.map((n) => (
            <NavLink key={n.to} to={n.to} end={n.end} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {n.icon} {t(n.label)}
              {n.badge}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="wd-portal-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="wd-portal-footer">{t('portal.footer')}</footer>
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
