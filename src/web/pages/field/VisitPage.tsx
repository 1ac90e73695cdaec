/**
 * One household of today's plan: the visit record of form 5.2 (purpose, method, outcome, whom the
 * visit met, opinions with tags, satisfaction, a need that becomes a desk ticket, a care concern for
 * the assistant, a follow-up date). Submitting queues a `home_visit` in the outbox with a client UUID;
 * the server applies every rule of the staff page's form when it arrives.
 */
import { LeftOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Checkbox, Input, InputNumber, Radio, Rate, Select, Switch } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { OutboxRecord } from '../../../core/outbox.ts';
import { addRecords, newUuid } from '../../field/outbox-db.ts';
import type { LocalVisit } from '../../field/types.ts';
import { FieldCard, useField } from './FieldApp.tsx';
import { type FieldKey, useFT } from './i18n.ts';

const PURPOSES = ['routine', 'special_care', 'new_move_in', 'complaint_follow_up', 'collection', 'survey', 'notice_delivery', 'other'] as const;
const METHODS = ['in_home', 'door', 'phone', 'wechat', 'met_outside'] as const;
const OUTCOMES = ['met', 'not_home', 'refused'] as const;
const NEEDS = ['repair', 'special_service', 'inquiry'] as const;
const MIN_TEXT = 4;

export default function VisitPage() {
  const f = useField();
  const t = useFT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const itemId = Number(useParams().itemId);
  const item = f.pack?.visits?.items.find((i) => i.planItemId === itemId);
  const [purpose, setPurpose] = useState<string>(item?.purpose ?? 'routine');
  const [method, setMethod] = useState<string>(item?.phoneNext ? 'phone' : 'in_home');
  const [outcome, setOutcome] = useState<string>('met');
  const [met, setMet] = useState<string[]>([]);
  const [metOther, setMetOther] = useState('');
  const [minutes, setMinutes] = useState<number | null>(null);
  const [opinions, setOpinions] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [satisfaction, setSatisfaction] = useState(0);
  const [needs, setNeeds] = useState('');
  const [needType, setNeedType] = useState<string>();
  const [createTicket, setCreateTicket] = useState(false);
  const [care, setCare] = useState(false);
  const [careNote, setCareNote] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);

  if (!item) return <Alert type="warning" showIcon title={t('field.visitMissing')} />;
  const membersMet = [...met, ...(metOther.trim() ? [metOther.trim()] : [])].join('、');
  const problems = {
    met: outcome === 'met' && !membersMet,
    needs: createTicket && (!needs.trim() || !needType),
    care: care && careNote.trim().length < MIN_TEXT,
  };

  const submit = async () => {
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    setSaving(true);
    try {
      const now = new Date().toISOString();
      const payload: LocalVisit = {
        householdId: item.householdId,
        planItemId: item.planItemId,
        purpose,
        method,
        outcome,
        visitedAt: now,
        ...(minutes ? { minutes } : {}),
        ...(membersMet ? { membersMet: membersMet.slice(0, 200) } : {}),
        ...(opinions.trim() ? { opinions: opinions.trim() } : {}),
        tags,
        ...(satisfaction ? { satisfaction } : {}),
        ...(needs.trim() ? { needs: needs.trim() } : {}),
        ...(needType ? { needType } : {}),
        createTicket,
        careConcern: care,
        ...(care && careNote.trim() ? { careNote: careNote.trim() } : {}),
        ...(followUpOn ? { followUpOn } : {}),
      };
      const record: OutboxRecord<LocalVisit> = { clientUuid: newUuid(), kind: 'home_visit', payload, createdAt: now, userId: f.me.user.id, userName: f.me.user.displayName, estateId: f.pack!.estateId, dependsOn: [], attempts: 0, state: 'queued' };
      await addRecords([record]);
      message.success(t('field.visitSaved'));
      if (navigator.onLine) void f.sync();
      navigate('/field/visits', { replace: true });
    } finally {
      setSaving(false);
    }
  };

  const options = <T extends string>(values: readonly T[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as FieldKey) }));
  return (
    <>
      <Link to="/field/visits" className="wd-field-muted">
        <LeftOutlined /> {t('field.back')}
      </Link>
      <FieldCard>
        <h3>
          {item.unitLabel} <span className="wd-field-muted">{item.householdName}</span>
        </h3>
        <div className="wd-field-muted">
          {item.areaName} · {item.lastVisitOn ? t('field.visitLast', { date: item.lastVisitOn }) : t('field.visitNever')}
        </div>
      </FieldCard>
      <FieldCard>
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitPurpose')}</div>
          <Select style={{ width: '100%' }} value={purpose} onChange={setPurpose} options={options(PURPOSES, 'field.purpose')} data-testid="visit-purpose" />
        </div>
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitMethod')}</div>
          <Radio.Group optionType="button" value={method} onChange={(e) => setMethod(e.target.value)} options={options(METHODS, 'field.method')} />
        </div>
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitOutcome')}</div>
          <Radio.Group optionType="button" buttonStyle="solid" value={outcome} onChange={(e) => setOutcome(e.target.value)} options={options(OUTCOMES, 'field.outcome')} data-testid="visit-outcome" />
        </div>
        {outcome === 'met' && (
          <div className="wd-field-item">
            <div className="wd-field-item-label">{t('field.visitMet')}</div>
            <Checkbox.Group value={met} onChange={(v) => setMet(v as string[])} options={item.members.map((m) => ({ value: m, label: m }))} data-testid="visit-members" />
            <Input style={{ marginTop: 8 }} maxLength={60} value={metOther} onChange={(e) => setMetOther(e.target.value)} placeholder={t('field.visitMetOther')} data-testid="visit-met-other" />
            {tried && problems.met && <div className="wd-field-error">{t('field.visitMetNeeded')}</div>}
          </div>
        )}
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitMinutes')}</div>
          <InputNumber style={{ width: '100%' }} inputMode="numeric" min={1} max={600} value={minutes} onChange={(v) => setMinutes(v)} />
        </div>
      </FieldCard>
      <FieldCard>
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitOpinions')}</div>
          <Input.TextArea rows={3} maxLength={2000} value={opinions} onChange={(e) => setOpinions(e.target.value)} data-testid="visit-opinions" />
          <Select mode="multiple" style={{ width: '100%', marginTop: 8 }} placeholder={t('field.visitTags')} value={tags} onChange={setTags} options={(f.pack?.visits?.tags ?? []).map((x) => ({ value: x, label: x }))} maxCount={12} data-testid="visit-tags" />
        </div>
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitSatisfaction')}</div>
          <Rate value={satisfaction} onChange={setSatisfaction} data-testid="visit-satisfaction" />
        </div>
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitNeeds')}</div>
          <Input.TextArea rows={2} maxLength={1000} value={needs} onChange={(e) => setNeeds(e.target.value)} data-testid="visit-needs" />
          <Radio.Group style={{ marginTop: 8 }} value={needType} onChange={(e) => setNeedType(e.target.value)} options={options(NEEDS, 'field.need')} data-testid="visit-need-type" />
          <div style={{ marginTop: 8 }}>
            <Switch checked={createTicket} onChange={setCreateTicket} data-testid="visit-ticket" /> {t('field.visitCreateTicket')}
          </div>
          {tried && problems.needs && <div className="wd-field-error">{t('field.visitNeedsNeeded')}</div>}
        </div>
        <div className="wd-field-item">
          <Checkbox checked={care} onChange={(e) => setCare(e.target.checked)} data-testid="visit-care">
            {t('field.visitCare')}
          </Checkbox>
          {care && <Input.TextArea style={{ marginTop: 8 }} rows={2} maxLength={1000} value={careNote} onChange={(e) => setCareNote(e.target.value)} placeholder={t('field.visitCareNote')} />}
          {tried && problems.care && <div className="wd-field-error">{t('field.visitCareNeeded')}</div>}
        </div>
        <div className="wd-field-item">
          <div className="wd-field-item-label">{t('field.visitFollowUp')}</div>
          <Input type="date" value={followUpOn} onChange={(e) => setFollowUpOn(e.target.value)} data-testid="visit-follow-up" />
        </div>
        <Button type="primary" className="wd-field-big" style={{ marginTop: 10 }} loading={saving} onClick={() => void submit()} data-testid="visit-submit">
          {t('field.submit')}
        </Button>
      </FieldCard>
    </>
  );
}
