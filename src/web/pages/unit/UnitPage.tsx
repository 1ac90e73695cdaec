import { EditOutlined, HistoryOutlined, KeyOutlined, PhoneOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { UNIT_USAGE_LABELS } from '../../../core/labels.ts';
import { api } from '../../api/client.ts';
import type { Archive } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatArea, formatDate } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { CareTags, StatusTag } from '../../components/tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { MembersTab } from './MembersTab.tsx';
import { lazyDialog, lazyPart } from '../../components/lazyParts.tsx';

// The other tabs and the edit dialog load when first shown (npm run bench:web's page budget).
const OwnershipTab = lazyPart(() => import('./OwnershipTab.tsx').then((m) => m.OwnershipTab));
const TenancyTab = lazyPart(() => import('./TenancyTab.tsx').then((m) => m.TenancyTab));
const PhonesTab = lazyPart(() => import('./PhonesTab.tsx').then((m) => m.PhonesTab));
const PastHouseholdsTab = lazyPart(() => import('./PastHouseholdsTab.tsx').then((m) => m.PastHouseholdsTab));
const UnitEditModal = lazyDialog(() => import('./UnitEditModal.tsx').then((m) => m.UnitEditModal), (p) => p.open);

const TABS = ['household', 'ownership', 'tenancy', 'phones', 'history'] as const;
type TabKey = (typeof TABS)[number];

/** 房屋档案 of one unit: header card and the tabs of its archive. */
export default function UnitPage() {
  const { t, label } = useI18n();
  const { id } = useParams();
  const unitId = Number(id);
  const { can, areaName, estateName } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'household';
  const [editing, setEditing] = useState(false);

  const archive = useQuery({
    queryKey: ['archive', unitId],
    queryFn: () => api<Archive>(`/api/v1/units/${unitId}/archive`),
    enabled: Number.isInteger(unitId) && unitId > 0,
  });

  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['archive', unitId] }),
      qc.invalidateQueries({ queryKey: ['units'] }),
      qc.invalidateQueries({ queryKey: ['buildings'] }),
      qc.invalidateQueries({ queryKey: ['households'] }),
    ]);

  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/units'));

  if (!Number.isInteger(unitId) || unitId <= 0) return <ErrorResult error={null} />;
  if (archive.isPending)
    return (
      <Card>
        <CardSkeleton rows={8} />
      </Card>
    );
  if (archive.error)
    return (
      <Card>
        <ErrorResult
          error={archive.error}
          extra={
            <Button type="primary" onClick={() => navigate('/units')}>
              {t('unit.backToList')}
            </Button>
          }
        />
      </Card>
    );

  const a = archive.data;
  const u = a.unit;
  const area = areaName(u.areaId);
  const currentCount = a.household?.members.filter((m) => !m.movedOutOn).length ?? 0;
  const activeLeases = a.tenancies.filter((x) => !x.terminatedOn).length;
  const currentOwners = a.ownerships.filter((o) => !o.endedOn).length;

  return (
    <>
      <Breadcrumb
        className="wd-breadcrumb"
        items={[
          { title: <Link to="/units">{t('nav.units')}</Link> },
          { title: <Link to={`/units?building=${u.buildingId}`}>{u.buildingName}</Link> },
          { title: u.label },
        ]}
      />
      <PageHeader
        onBack={back}
        title={<span data-testid="unit-title">{u.label}</span>}
        tags={<StatusTag status={u.status} />}
        subtitle={[estateName(u.estateId), area, u.buildingName].filter(Boolean).join(' · ')}
        extra={
          can('property.write') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-unit">
              {t('unit.edit')}
            </Button>
          )
        }
      />
      <Card className="wd-unit-card" size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3, xl: 4 }}
          items={[
            { key: 'addr', label: t('unit.address'), children: <strong>{`${estateName(u.estateId) ?? ''} ${u.buildingName} ${u.label}`.trim()}</strong> },
            { key: 'area', label: t('unit.area'), children: area ?? '—' },
            { key: 'status', label: t('unit.status'), children: <StatusTag status={u.status} /> },
            { key: 'usage', label: t('unit.usage'), children: label(UNIT_USAGE_LABELS, u.usage) },
            { key: 'floor', label: t('unit.floor'), children: u.entrance ? t('unit.entranceFloor', { entrance: u.entrance, floor: u.floor }) : t('unit.floorN', { floor: u.floor }) },
            { key: 'size', label: t('unit.buildingArea'), children: formatArea(u.buildingArea) },
            { key: 'structure', label: t('unit.structure'), children: u.structure ?? '—' },
            { key: 'delivered', label: t('unit.deliveredOn'), children: formatDate(u.deliveredOn) },
            { key: 'quality', label: t('unit.qualityNotes'), children: u.qualityNotes ?? '—', span: 2 },
            { key: 'care', label: t('unit.care'), children: <CareTags flags={u.careFlags} empty="—" />, span: 2 },
          ]}
        />
      </Card>
      <Card className="wd-tabs-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k === 'household') next.delete('tab');
            else next.set('tab', k);
            setParams(next, { replace: true });
          }}
          items={[
            {
              key: 'household',
              label: (
                <span data-testid="tab-household">
                  <TeamOutlined /> {t('unit.tab.household')}
                  {currentCount ? <span className="wd-tab-count">{currentCount}</span> : null}
                </span>
              ),
              children: <MembersTab archive={a} onChanged={refresh} />,
            },
            {
              key: 'ownership',
              label: (
                <span data-testid="tab-ownership">
                  <SafetyCertificateOutlined /> {t('unit.tab.ownership')}
                  {currentOwners ? <span className="wd-tab-count">{currentOwners}</span> : null}
                </span>
              ),
              children: <OwnershipTab archive={a} onChanged={refresh} />,
            },
            {
              key: 'tenancy',
              label: (
                <span data-testid="tab-tenancy">
                  <KeyOutlined /> {t('unit.tab.tenancy')}
                  {activeLeases ? <span className="wd-tab-count">{activeLeases}</span> : null}
                </span>
              ),
              children: <TenancyTab archive={a} onChanged={refresh} />,
            },
            {
              key: 'phones',
              label: (
                <span data-testid="tab-phones">
                  <PhoneOutlined /> {t('unit.tab.phones')}
                </span>
              ),
              children: <PhonesTab archive={a} />,
            },
            {
              key: 'history',
              label: (
                <span data-testid="tab-history">
                  <HistoryOutlined /> {t('unit.tab.history')}
                  {a.pastHouseholds.length ? <span className="wd-tab-count">{a.pastHouseholds.length}</span> : null}
                </span>
              ),
              children: <PastHouseholdsTab archive={a} />,
            },
          ]}
        />
      </Card>
      {can('property.write') && <UnitEditModal unit={u} open={editing} onClose={() => setEditing(false)} onDone={refresh} />}
    </>
  );
}
