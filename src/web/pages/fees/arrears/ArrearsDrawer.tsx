import { FormOutlined, LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Empty, Flex, Steps, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ARREARS_STEPS } from '../../../../core/fees.ts';
import { api } from '../../../api/client.ts';
import type { ArrearsDetail, Line, Step } from '../../../api/fee-types.ts';
import { useSession } from '../../../app/session.tsx';
import { StepTag } from '../../../components/fees/FeeTags.tsx';
import { FEES } from '../../../components/fees/queries.ts';
import { formatDate, formatDateTime, formatFen } from '../../../components/format.ts';
import { ErrorResult, CardSkeleton } from '../../../components/Results.tsx';
import { type MessageKey, useT } from '../../../i18n/index.tsx';
import { StepModal } from './StepModal.tsx';

/** One overdue unit: its open lines and the ladder so far, with the next step to record. */
export function ArrearsDrawer({ unitId, onClose, onChanged }: { unitId: number | null; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const { can } = useSession();
  const [recording, setRecording] = useState(false);
  const detail = useQuery({
    queryKey: [FEES, 'arrears-unit', unitId],
    queryFn: () => api<ArrearsDetail>(`/api/v1/fees/arrears/${unitId}`),
    enabled: unitId !== null,
  });
  const d = detail.data;
  const steps = [...(d?.steps ?? [])].sort((a, b) => a.onDate.localeCompare(b.onDate) || a.id - b.id);
  const reached = steps.reduce((m, s) => Math.max(m, s.step), 0);
  const outstanding = d?.outstanding ?? d?.lines.reduce((s, l) => s + l.principalDue, 0) ?? 0;
  const late = d?.lateFee ?? d?.lines.reduce((s, l) => s + l.lateDue, 0) ?? 0;

  return (
    <Drawer
      open={unitId !== null}
      size={760}
      title={d ? `${t('nav.feesArrears')} · ${d.unitLabel ?? ''}` : t('nav.feesArrears')}
      onClose={onClose}
      destroyOnHidden
      data-testid="arrears-drawer"
      extra={
        can('arrears.work') &&
        d &&
        (d.allowedSteps?.length ?? 1) > 0 && (
          <Button type="primary" icon={<FormOutlined />} onClick={() => setRecording(true)} data-testid="step-open">
            {t('fees.step.record')}
          </Button>
        )
      }
    >
      {detail.error ? (
        <ErrorResult error={detail.error} />
      ) : !d ? (
        <CardSkeleton rows={8} />
      ) : (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { key: 'o', label: t('fees.owner'), children: d.ownerName ?? '—' },
              { key: 'p', label: t('fees.phone'), children: <span className="wd-mono">{d.phoneMasked ?? '—'}</span> },
              { key: 'a', label: t('fees.arrears.outstanding'), children: <b className="wd-money wd-due">{formatFen(outstanding)}</b> },
              { key: 'l', label: t('fees.line.lateDue'), children: <span className="wd-money">{formatFen(late)}</span> },
              { key: 'd', label: t('fees.arrears.days'), children: d.days != null ? t('fees.arrears.daysN', { n: d.days }) : '—' },
              { key: 's', label: t('fees.arrears.step'), children: <StepTag step={reached} short /> },
            ]}
          />
          <Card size="small" title={t('fees.arrears.ladder')}>
            <Steps
              size="small"
              className="wd-ladder"
              current={reached ? reached - 1 : -1}
              items={ARREARS_STEPS.map((s) => {
                const last = [...steps].reverse().find((x) => x.step === s);
                return {
                  title: t(`fees.step.${s}` as MessageKey),
                  status: last ? 'finish' : s === reached + 1 ? 'process' : 'wait',
                  content: last ? formatDate(last.onDate) : undefined,
                };
              })}
              data-testid="arrears-ladder"
            />
          </Card>
          <Card size="small" title={t('fees.arrears.history')}>
            {steps.length ? (
              <Timeline
                items={[...steps].reverse().map((s) => ({
                  key: s.id,
                  color: s.step >= 4 ? 'red' : s.step >= 2 ? 'orange' : 'blue',
                  content: <StepEntry s={s} />,
                }))}
                data-testid="arrears-steps"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fees.arrears.noSteps')} />
            )}
          </Card>
          <Card size="small" title={t('fees.account.openLines', { n: d.lines.length })}>
            <Table<Line>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.lines}
              columns={[
                { title: t('fees.line.period'), dataIndex: 'period', width: 90 },
                { title: t('fees.line.item'), dataIndex: 'itemName', ellipsis: true },
                { title: t('fees.line.dueOn'), dataIndex: 'dueOn', width: 105, render: formatDate },
                { title: t('fees.line.principalDue'), dataIndex: 'principalDue', width: 110, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
                { title: t('fees.line.lateDue'), dataIndex: 'lateDue', width: 100, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
              ]}
            />
          </Card>
        </Flex>
      )}
      {d && (
        <StepModal
          open={recording}
          unitId={d.unitId}
          next={Math.min(5, Math.max(2, reached + 1))}
          allowed={d.allowedSteps}
          onClose={() => setRecording(false)}
          onDone={() => {
            setRecording(false);
            void detail.refetch();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

function StepEntry({ s }: { s: Step }) {
  const t = useT();
  const facts: Array<[MessageKey, string | null | undefined]> = [
    ['fees.step.channel', s.channel ? t(`fees.channel.${s.channel}` as MessageKey) : null],
    ['fees.step.deadline', s.deadline ? formatDate(s.deadline) : null],
    ['fees.step.reason', s.reason],
    ['fees.step.dissatisfaction', s.dissatisfaction],
    ['fees.step.resolution', s.resolution ? t(`fees.resolution.${s.resolution}` as MessageKey) : null],
    ['fees.step.outcome', s.outcome],
    ['fees.step.outstandingThen', s.outstanding != null ? formatFen(s.outstanding) : null],
  ];
  return (
    <div data-testid={`arrears-step-${s.step}`}>
      <Flex gap={8} align="center" wrap>
        <StepTag step={s.step} short />
        <span>{formatDate(s.onDate)}</span>
        <span className="wd-muted wd-small">
          {s.actorName ?? ''} · {formatDateTime(s.createdAt).slice(0, 16)}
        </span>
      </Flex>
      {facts
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k} className="wd-small">
            <span className="wd-muted">{t(k)}：</span>
            {v}
          </div>
        ))}
      {s.ticketId && (
        <Link to={`/desk/tickets/${s.ticketId}`}>
          <Typography.Link className="wd-small">
            <LinkOutlined /> {t('fees.step.complaintLinked')}
          </Typography.Link>
        </Link>
      )}
    </div>
  );
}
