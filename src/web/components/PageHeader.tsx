import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title row of a page: optional back button, title, subtitle and actions on the right. */
export function PageHeader({ title, subtitle, extra, onBack, tags }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; onBack?: () => void; tags?: ReactNode }) {
  return (
    <Flex className="wd-page-header" justify="space-between" align="flex-start" gap={16} wrap>
      <Flex gap={12} align="flex-start">
        {onBack && <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label="back" className="wd-back" />}
        <div>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && (
            <Typography.Text type="secondary" className="wd-page-subtitle">
              {subtitle}
            </Typography.Text>
          )}
        </div>
      </Flex>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
