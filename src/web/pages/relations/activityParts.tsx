import { Tag } from 'antd';
import { type MessageKey, useT } from '../../i18n/index.tsx';

const ST_COLOR: Record<string, string> = { draft: 'default', approved: 'geekblue', published: 'green', registration_closed: 'orange', in_progress: 'processing', finished: 'purple', reviewed: 'default', cancelled: 'red' };

export function ActivityStatusTag({ s }: { s: string }) {
  const t = useT();
  return <Tag color={ST_COLOR[s]}>{t(`act.st.${s}` as MessageKey)}</Tag>;
}
