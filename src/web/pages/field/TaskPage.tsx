/** A task's checkpoints in route order with their marks; scan to check in, or record by hand. */
import { EditOutlined, LeftOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { checkpointMark, FieldCard, useField } from './FieldApp.tsx';
import { type FieldKey, useFT } from './i18n.ts';
import { statusColor } from './TodayPage.tsx';

export default function TaskPage() {
  const f = useField();
  const t = useFT();
  const navigate = useNavigate();
  const taskId = Number(useParams().taskId);
  const task = f.pack?.tasks.find((x) => x.id === taskId);
  if (!task) return <Alert type="warning" showIcon title={t('field.taskMissing')} />;
  const openFinding = (cpId: number) => f.pack?.openFindings.some((o) => o.checkpointId === cpId);
  return (
    <>
      <Link to="/field" className="wd-field-muted">
        <LeftOutlined /> {t('field.back')}
      </Link>
      <FieldCard className="wd-field-task">
        <h3>{task.planName}</h3>
        <div className="wd-field-muted">
          {t('field.slot', { start: dayjs(task.slotStart).format('HH:mm'), end: dayjs(task.slotEnd).format('HH:mm') })}
          {task.ordered && <Tag style={{ marginInlineStart: 8 }}>{t('field.ordered')}</Tag>}
          <Tag color={statusColor(task.status)}>{t(`field.status.${task.status}` as FieldKey)}</Tag>
        </div>
        <Button type="primary" icon={<ScanOutlined />} className="wd-field-big" style={{ marginTop: 10 }} onClick={() => navigate(`/field/scan?task=${task.id}`)} data-testid="task-scan">
          {t('field.scanHere')}
        </Button>
      </FieldCard>
      <FieldCard>
        {task.checkpoints.map((cp, i) => {
          const mark = checkpointMark(f, task.id, cp);
          return (
            <div key={cp.id} className="wd-field-cp" data-testid={`cp-${cp.id}`} data-mark={mark}>
              <span className={`wd-field-seq ${mark}`}>{i + 1}</span>
              <div className="grow" style={{ flex: 1, minWidth: 0 }}>
                <div>
                  {cp.name} <span className="wd-field-muted">{cp.code}</span>
                </div>
                <div className="wd-field-muted">
                  {cp.location}
                  {openFinding(cp.id) && <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('field.openFinding')}</Tag>}
                </div>
                <div className="wd-field-muted">{mark === 'done' ? t('field.cpDone') : mark === 'queued' ? t('field.cpQueued') : t('field.cpTodo')}</div>
              </div>
              <Button size="small" icon={<EditOutlined />} onClick={() => navigate(`/field/tasks/${task.id}/cp/${cp.id}?method=manual`)} data-testid={`cp-manual-${cp.id}`} aria-label={t('field.manual')} />
            </div>
          );
        })}
      </FieldCard>
    </>
  );
}
