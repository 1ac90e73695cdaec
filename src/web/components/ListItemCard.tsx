import { Button, Card } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';

/** One entry of a Form.List (a member, an owner): a titled card with a remove link while another entry is left. */
export function ListItemCard({ title, onRemove, children }: { title: string; onRemove?: () => void; children: ReactNode }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      extra={
        onRemove && (
          <Button size="small" type="link" danger onClick={onRemove}>
            {t('common.remove')}
          </Button>
        )
      }
    >
      {children}
    </Card>
  );
}
