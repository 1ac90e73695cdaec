import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { FORMS, type FormDef } from './catalog.ts';

/**
 * 表单一览: every form the app prints, with its manual number, a blank paper version (where the
 * form is filled by hand) and a filled sample from this estate's records.
 */
export default function GalleryPage() {
  const t = useT();
  const { estateId } = useSession();
  const samples = useQuery({
    queryKey: ['forms', 'samples', estateId],
    queryFn: () => api<Record<string, string | null>>('/api/v1/forms/samples', { query: { estateId } }),
    enabled: !!estateId,
  });
  const back = encodeURIComponent('/forms');
  return (
    <>
      <PageHeader title={t('kit.gallery')} subtitle={t('kit.gallerySub')} />
      <Card>
        <Table<FormDef>
          className="wd-form-gallery"
          rowKey="code"
          size="middle"
          pagination={false}
          loading={samples.isPending}
          dataSource={FORMS}
          data-testid="form-gallery"
          columns={[
            { title: t('kit.no'), dataIndex: 'number', width: 90, render: (n: string | null) => (n ? t('kit.formNo', { no: n }) : '—') },
            {
              title: t('kit.formTitle'),
              render: (_, f) => (
                <Space>
                  <Typography.Text strong>{t(f.title)}</Typography.Text>
                  {f.landscape && <Tag>{t('kit.landscape')}</Tag>}
                </Space>
              ),
            },
            { title: t('kit.group'), dataIndex: 'group', width: 110, render: (g: FormDef['group']) => t(`kit.group.${g}`) },
            {
              title: t('kit.blank'),
              width: 140,
              render: (_, f) =>
                f.blank ? (
                  <Link to={`/print/blank/${f.code}?back=${back}`} data-testid={`blank-${f.code}`}>
                    {t('kit.openBlank')}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">{t('kit.noBlank')}</Typography.Text>
                ),
            },
            {
              title: t('kit.sample'),
              width: 160,
              render: (_, f) => {
                const key = samples.data?.[f.code];
                return key ? (
                  <Link to={`${f.print(key)}${f.print(key).includes('?') ? '&' : '?'}back=${back}`} data-testid={`sample-${f.code}`}>
                    {t('kit.openSample')}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">{t('kit.noSample')}</Typography.Text>
                );
              },
            },
          ]}
        />
      </Card>
    </>
  );
}
