import { HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Layout } from 'antd';
import { useNavigate } from 'react-router';
import { homeOf, useLogout, useSession } from '../app/session.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { Forbidden } from '../components/Results.tsx';
import { useT } from '../i18n/index.tsx';

/**
 * Shown instead of a page from the other part of the app: an owner who types a staff address,
 * or staff who open the owner portal. No data of the page is requested.
 */
export default function RefusalShell({ part }: { part: 'staff' | 'portal' }) {
  const t = useT();
  const { me } = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Layout className="wd-refusal-shell">
      <Flex className="wd-portal-bar wd-refusal-bar" align="center" justify="space-between" gap={12}>
        <Flex align="center" gap={10} style={{ minWidth: 0 }}>
          <span className="wd-logo-mark">
            <HomeOutlined />
          </span>
          <strong className="wd-ellipsis">{t('app.name')}</strong>
        </Flex>
        <Flex align="center" gap={8}>
          <LangSwitch size="small" />
          <Button
            type="text"
            icon={<LogoutOutlined />}
            title={t('nav.logout')}
            onClick={async () => {
              await logout();
              navigate('/login', { replace: true });
            }}
          >
            <span className="wd-logout-text">{t('nav.logout')}</span>
          </Button>
        </Flex>
      </Flex>
      <div className="wd-refusal-body">
        <Forbidden
          subTitle={part === 'staff' ? t('refusal.staffOnly') : t('refusal.ownersOnly')}
          extra={
            <Button type="primary" onClick={() => navigate(homeOf(me.user.role), { replace: true })} data-testid="refusal-home">
              {me.user.role === 'owner' ? t('portal.backHome') : t('common.backHome')}
            </Button>
          }
        />
      </div>
    </Layout>
  );
}
