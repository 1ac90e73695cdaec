import { Card, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import './mail.css';

const RegisterTab = lazy(() => import('./RegisterTab.tsx'));
const ShelfTab = lazy(() => import('./ShelfTab.tsx'));
const PickupTab = lazy(() => import('./PickupTab.tsx'));
const ReturnsTab = lazy(() => import('./ReturnsTab.tsx'));
const SlipsTab = lazy(() => import('./SlipsTab.tsx'));
const SubscriptionsTab = lazy(() => import('./SubscriptionsTab.tsx'));
const DwellTab = lazy(() => import('./DwellTab.tsx'));

/** 邮件快递 (manual 3.7): the front desk's counter for letters, newspapers and parcels, one tab per task. */
export default function MailPage() {
  const t = useT();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const work = can('mail.work');
  const tabs: Array<{ key: string; label: MessageKey; el: React.ReactNode; show: boolean }> = [
    { key: 'register', label: 'mail.tabRegister', el: <RegisterTab />, show: work },
    { key: 'shelf', label: 'mail.tabShelf', el: <ShelfTab />, show: true },
    { key: 'pickup', label: 'mail.tabPickup', el: <PickupTab />, show: work },
    { key: 'returns', label: 'mail.tabReturns', el: <ReturnsTab />, show: true },
    { key: 'slips', label: 'mail.tabSlips', el: <SlipsTab />, show: work },
    { key: 'subscriptions', label: 'mail.tabSubscriptions', el: <SubscriptionsTab />, show: true },
    { key: 'report', label: 'mail.tabReport', el: <DwellTab />, show: true },
  ];
  const visible = tabs.filter((x) => x.show);
  const active = visible.find((x) => x.key === params.get('tab'))?.key ?? visible[0]!.key;
  return (
    <>
      <PageHeader title={t('nav.mail')} subtitle={t('mail.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          destroyOnHidden
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={visible.map((x) => ({ key: x.key, label: <span data-testid={`mail-tab-${x.key}`}>{t(x.label)}</span>, children: <Suspense fallback={<PageLoading />}>{x.el}</Suspense> }))}
        />
      </Card>
    </>
  );
}
