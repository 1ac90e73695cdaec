import { EnvironmentOutlined, KeyOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Flex, Tag } from 'antd';
import type { ReactNode } from 'react';
import { RELATION_LABELS, UNIT_USAGE_LABELS } from '../../../core/labels.ts';
import type { Archive } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatArea, formatDate, formatFen } from '../../components/format.ts';
import { CareTags, StatusTag } from '../../components/tags.tsx';
import { useI18n } from '../../i18n/index.tsx';

function Section({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <section className="wd-portal-section">
      <h3>
        {icon} {title}
      </h3>
      {children}
    </section>
  );
}

/** One home of the owner as the portal shows it: masked numbers only, current records only. */
export function PortalUnitCard({ archive, extra }: { archive: Archive; extra?: ReactNode }) {
  const { t, label } = useI18n();
  const { estateName, areaName } = useSession();
  const u = archive.unit;
  const members = archive.household?.members.filter((m) => !m.movedOutOn) ?? [];
  const owners = archive.ownerships.filter((o) => !o.endedOn);
  const lease = archive.tenancies.find((x) => !x.terminatedOn);
  const area = u.areaName ?? areaName(u.areaId);
  return (
    <Card className="wd-portal-card" data-testid={`portal-unit-${u.id}`}>
      <div className="wd-portal-hero">
        <div className="wd-portal-estate">
          <EnvironmentOutlined /> {[estateName(u.estateId), area, u.buildingName].filter(Boolean).join(' · ')}
        </div>
        <Flex align="center" justify="space-between" gap={8} wrap>
          <div className="wd-portal-address" data-testid="portal-address">
            {u.label}
          </div>
          <StatusTag status={u.status} />
        </Flex>
        <Flex gap={16} wrap className="wd-portal-facts">
          <span>
            {t('unit.buildingArea')} <strong>{formatArea(u.buildingArea)}</strong>
          </span>
          <span>
            {t('unit.usage')} <strong>{label(UNIT_USAGE_LABELS, u.usage)}</strong>
          </span>
          {u.deliveredOn && (
            <span>
              {t('unit.deliveredOn')} <strong>{formatDate(u.deliveredOn)}</strong>
            </span>
          )}
        </Flex>
        {extra}
      </div>

      <Section icon={<TeamOutlined />} title={archive.household ? t('portal.household', { name: archive.household.name }) : t('portal.householdNone')}>
        {members.length ? (
          <div className="wd-portal-people">
            {members.map((m) => (
              <div key={m.id} className="wd-portal-person" data-testid="portal-member">
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Flex gap={6} align="center" wrap>
                    <strong>{m.name}</strong>
                    {!(m.isHead && m.relation === 'head') && <span className="wd-muted">{label(RELATION_LABELS, m.relation)}</span>}
                    {m.isHead && <Tag color="geekblue">{t('member.isHead')}</Tag>}
                    {m.isOwner && <Tag color="gold">{t('member.isOwner')}</Tag>}
                  </Flex>
                  <span className="wd-mono wd-muted">{m.phone ?? '—'}</span>
                </Flex>
                {m.careFlags.length > 0 && (
                  <div style={{ marginTop: 4 }}>
                    <CareTags flags={m.careFlags} />
                  </div>
                )}
              </div>
            ))}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('member.none')} />
        )}
      </Section>

      <Section icon={<SafetyCertificateOutlined />} title={t('owner.current')}>
        {owners.length ? (
          <div className="wd-portal-people">
            {owners.map((o) => (
              <div key={o.id} className="wd-portal-person">
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Flex gap={6} align="center">
                    <strong>{o.ownerName}</strong>
                    <Tag>{t('portal.share', { n: o.sharePercent })}</Tag>
                  </Flex>
                  <span className="wd-muted">{t('portal.since', { date: formatDate(o.acquiredOn) })}</span>
                </Flex>
                {o.certificateNo && <div className="wd-muted wd-small">{o.certificateNo}</div>}
              </div>
            ))}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('owner.none')} />
        )}
      </Section>

      <Section icon={<KeyOutlined />} title={t('portal.lease')}>
        {lease ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'tenant', label: t('tenancy.tenant'), children: lease.tenantName },
              { key: 'period', label: t('tenancy.period'), children: `${formatDate(lease.startOn)} ~ ${formatDate(lease.endOn)}` },
              { key: 'rent', label: t('tenancy.monthlyRent'), children: formatFen(lease.monthlyRent) },
            ]}
          />
        ) : (
          <div className="wd-muted">{t('portal.noLease')}</div>
        )}
      </Section>
    </Card>
  );
}
