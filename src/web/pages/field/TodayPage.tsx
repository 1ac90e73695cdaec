/** 今日任务: the task pack fetched at the start of the shift, kept on the phone, and its tasks. */
import { CloudDownloadOutlined, MobileOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Progress, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { checkpointMark, FieldCard, useField, useInstallPrompt } from './FieldApp.tsx';
import { type FieldKey, useFT } from './i18n.ts';

export default function TodayPage() {
  const f = useField();
  const t = useFT();
  const today = dayjs().format('YYYY-MM-DD');
  const install = useInstallPrompt();
  return (
    <>
      {install && (
        <Button block icon={<MobileOutlined />} style={{ marginBottom: 12 }} onClick={() => void install.prompt()} data-testid="field-install">
          {t('field.install')}
        </Button>
      )}
      <FieldCard>
        {f.pack ? (
          <div className="wd-field-muted" data-testid="pack-saved">
            {t('field.packSaved', { date: f.pack.date, time: dayjs(f.packSavedAt).format('HH:mm') })}
          </div>
        ) : (
          <div className="wd-field-muted">{t('field.packNone')}</div>
        )}
        {f.pack && f.pack.date !== today && <Alert type="warning" showIcon title={t('field.packOld', { date: f.pack.date })} style={{ marginTop: 8 }} />}
        {f.packError && <Alert type="error" showIcon title={t('field.packFailed', { msg: f.packError })} style={{ marginTop: 8 }} />}
        <Button
          type={f.pack ? 'default' : 'primary'}
          icon={<CloudDownloadOutlined />}
          className="wd-field-big"
          style={{ marginTop: 10 }}
          loading={f.fetchingPack}
          disabled={!f.online}
          onClick={() => void f.fetchPack()}
          data-testid="pack-fetch"
        >
          {f.pack ? t('field.packRefresh') : t('field.packFetch')}
        </Button>
      </FieldCard>
      {f.pack && f.pack.tasks.length === 0 && (
        <FieldCard>
          <Empty description={t('field.noTasks')} />
        </FieldCard>
      )}
      {f.pack?.tasks.map((task) => {
        const total = task.checkpoints.length;
        const done = task.checkpoints.filter((cp) => checkpointMark(f, task.id, cp) !== 'todo').length;
        return (
          <Link key={task.id} to={`/field/tasks/${task.id}`} data-testid={`task-${task.id}`}>
            <FieldCard>
              <div className="wd-field-row">
                <div className="grow">
                  <h3>{task.planName}</h3>
                  <div className="wd-field-muted">
                    {t('field.slot', { start: dayjs(task.slotStart).format('HH:mm'), end: dayjs(task.slotEnd).format('HH:mm') })}
                    {task.ordered && <Tag style={{ marginInlineStart: 8 }}>{t('field.ordered')}</Tag>}
                    <Tag color={statusColor(task.status)}>{t(`field.status.${task.status}` as FieldKey)}</Tag>
                  </div>
                </div>
                <RightOutlined />
              </div>
              <Progress percent={total ? Math.round((done / total) * 100) : 0} size="small" format={() => t('field.progress', { done, total })} />
            </FieldCard>
          </Link>
        );
      })}
    </>
  );
}

export function statusColor(status: string): string {
  return ({ done: 'green', partial: 'orange', missed: 'red', in_progress: 'blue', cancelled: 'default' } as Record<string, string>)[status] ?? 'processing';
}
