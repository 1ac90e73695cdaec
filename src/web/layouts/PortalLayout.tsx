import { HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { useLogout, useSession } from '../app/session.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { PageLoading } from '../components/Results.tsx';
import { useT } from '../i18n/index.tsx';

/** The owner portal: one narrow column that reads well on a phone. */
export default function PortalLayout() {
  const t = useT();
  const { me } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
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
            <LangSwitch size="small" />
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
      </header>
      <main className="wd-portal-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="wd-portal-footer">{t('portal.footer')}</footer>
    </Layout>
  );
}
