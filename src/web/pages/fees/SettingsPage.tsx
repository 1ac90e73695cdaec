import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ItemsTab } from './settings/ItemsTab.tsx';
import { lazyPart } from '../../components/lazyParts.tsx';

// The other tabs load when first shown (npm run bench:web's page budget).
const DiscountsTab = lazyPart(() => import('./settings/DiscountsTab.tsx').then((m) => m.DiscountsTab));
const MetersTab = lazyPart(() => import('./settings/MetersTab.tsx').then((m) => m.MetersTab));

const TABS = ['items', 'meters', 'discounts'] as const;

/** 收费设置: fee items and their dated prices, meters, and vacant-unit discounts. */
export default function FeeSettingsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as string) : 'items';
  return (
    <>
      <PageHeader title={t('nav.feesSettings')} subtitle={t('fees.settings.subtitle')} />
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'items' ? {} : { tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'items', label: t('fees.settings.items'), children: <ItemsTab /> },
            { key: 'meters', label: t('fees.settings.meters'), children: <MetersTab /> },
            { key: 'discounts', label: t('fees.settings.discounts'), children: <DiscountsTab /> },
          ]}
        />
      </Card>
    </>
  );
}
