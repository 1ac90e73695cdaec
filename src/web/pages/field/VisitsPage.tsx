/** 今日走访: the area administrator's visit plan from the task pack, each household's mark, offline. */
import { HeartFilled, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Empty, Tag } from 'antd';
import { Link } from 'react-router';
import type { LocalVisit } from '../../field/types.ts';
import { FieldCard, useField } from './FieldApp.tsx';
import { type FieldKey, useFT } from './i18n.ts';

/** Visited on the server, recorded on this phone and waiting, or still to do. */
export function visitMark(f: ReturnType<typeof useField>, item: { planItemId: number; householdId: number; visited: boolean }): 'done' | 'queued' | 'todo' {
  if (item.visited) return 'done';
  const mine = f.records.filter((r) => r.kind === 'home_visit' && r.userId === f.me.user.id && r.state !== 'rejected' && (r.payload as LocalVisit).householdId === item.householdId);
  if (mine.some((r) => r.state === 'done')) return 'done';
  return mine.length ? 'queued' : 'todo';
}

const MARK_COLOR = { done: 'green', queued: 'orange', todo: 'default' } as const;
const MARK_TEXT = { done: 'field.visitDone', queued: 'field.visitQueued', todo: 'field.visitTodo' } as const;

export default function VisitsPage() {
  const f = useField();
  const t = useFT();
  const plan = f.pack?.visits;
  if (!f.pack) return <Alert type="info" showIcon title={t('field.visitsNoPack')} />;
  return (
    <>
      <FieldCard>
        <h3>{t('field.visitsTitle', { date: plan?.date ?? f.pack.date })}</h3>
        {plan && (
          <div className="wd-field-muted" data-testid="visits-progress">
            {t('field.progress', { done: plan.items.filter((i) => visitMark(f, i) !== 'todo').length, total: plan.items.length })}
          </div>
        )}
      </FieldCard>
      {!plan?.items.length && (
        <FieldCard>
          <Empty description={t('field.visitsNone')} />
        </FieldCard>
      )}
      {plan?.items.map((item) => {
        const mark = visitMark(f, item);
        return (
          <Link key={item.planItemId} to={`/field/visits/${item.planItemId}`} data-testid={`visit-${item.planItemId}`} data-mark={mark}>
            <FieldCard>
              <div className="wd-field-row">
                <div className="grow">
                  <h3>
                    {item.unitLabel} <span className="wd-field-muted">{item.householdName}</span>
                  </h3>
                  <div className="wd-field-muted">
                    <Tag>{t(`field.purpose.${item.purpose}` as FieldKey)}</Tag>
                    {item.specialCare && item.purpose !== 'special_care' && (
                      <Tag color="magenta" icon={<HeartFilled />}>
                        {t('field.visitSpecial')}
                      </Tag>
                    )}
                    {item.carriedOver && <Tag color="gold">{t('field.visitCarried')}</Tag>}
                    <Tag color={MARK_COLOR[mark]}>{t(MARK_TEXT[mark])}</Tag>
                  </div>
                  <div className="wd-field-muted">
                    {item.lastVisitOn ? t('field.visitLast', { date: item.lastVisitOn }) : t('field.visitNever')}
                    {item.phoneNext && (
                      <span style={{ marginInlineStart: 8 }}>
                        <PhoneOutlined /> {t('field.visitPhoneNext')}
                      </span>
                    )}
                  </div>
                  {item.note && <div className="wd-field-muted">{item.note}</div>}
                </div>
                <RightOutlined />
              </div>
            </FieldCard>
          </Link>
        );
      })}
    </>
  );
}
