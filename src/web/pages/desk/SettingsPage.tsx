import { Card, Empty, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { SettingsForm } from './settings/SettingsForm.tsx';
import { lazyPart } from '../../components/lazyParts.tsx';

// The other tabs load when first shown (npm run bench:web's page budget).
const Categories = lazyPart(() => import('./settings/Categories.tsx').then((m) => m.Categories));
const Holidays = lazyPart(() => import('./settings/Holidays.tsx').then((m) => m.Holidays));
const SlaPolicies = lazyPart(() => import('./settings/SlaPolicies.tsx').then((m) => m.SlaPolicies));

const TABS = ['calendar', 'sla', 'holidays', 'categories'] as const;

/** 报事设置: the estate's desk calendar and escalation, time limits, holidays and classifier. */
export default function SettingsPage() {
  const t = useT();
  const { estateId, estate, can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'calendar';
  const canEdit = can('desk.config');
  if (!estateId)
    return (
      <Card>
        <Empty description={t('nav.noEstate')} />
      </Card>
    );
  return (
    <>
      <PageHeader title={t('nav.deskSettings')} subtitle={t('settings.subtitle', { estate: estate?.name ?? '' })} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'calendar' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'calendar', label: t('settings.tab.calendar'), children: <SettingsForm estateId={estateId} /> },
            { key: 'sla', label: t('settings.tab.sla'), children: <SlaPolicies estateId={estateId} canEdit={canEdit} /> },
            { key: 'holidays', label: t('settings.tab.holidays'), children: <Holidays estateId={estateId} canEdit={canEdit} /> },
            { key: 'categories', label: t('settings.tab.categories'), children: <Categories estateId={estateId} canEdit={canEdit} /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
