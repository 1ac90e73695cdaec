import { Card, Empty, Flex, Tag } from 'antd';
import type { Archive } from '../../api/types.ts';
import { formatDate } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { MembersTable } from './MembersTab.tsx';

/** 历史住户: households that lived here before, kept with their members. */
export function PastHouseholdsTab({ archive }: { archive: Archive }) {
  const { t } = useI18n();
  if (!archive.pastHouseholds.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} />;
  const list = [...archive.pastHouseholds].sort((a, b) => ((a.movedOutOn ?? '') < (b.movedOutOn ?? '') ? 1 : -1));
  return (
    <Flex vertical gap={16}>
      {list.map((h) => (
        <Card
          key={h.id}
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              <strong>{h.name}</strong>
              <Tag>{t('history.period', { from: formatDate(h.movedInOn), to: formatDate(h.movedOutOn) })}</Tag>
            </Flex>
          }
        >
          <MembersTable members={h.members} writable={false} compact />
        </Card>
      ))}
    </Flex>
  );
}
