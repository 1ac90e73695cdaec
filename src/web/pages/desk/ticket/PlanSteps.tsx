import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Flex, List, Popconfirm, Typography } from 'antd';
import type { PlanStep } from '../../../api/desk-types.ts';
import { api } from '../../../api/client.ts';
import { formatDateTime } from '../../../components/format.ts';
import { useReportError } from '../../../components/useReportError.ts';
import { useI18n } from '../../../i18n/index.tsx';

/** 应急预案: the incident's checklist; each step is ticked off with its time and who did it. */
export function PlanSteps({ ticketId, steps, canDo, onDone }: { ticketId: number; steps: PlanStep[]; canDo: boolean; onDone: () => void }) {
  const { t, roleLabel } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const done = useMutation({
    mutationFn: (stepId: number) => api(`/api/v1/tickets/${ticketId}/steps/${stepId}/done`, { body: {} }),
    onSuccess: () => {
      message.success(t('plan.stepDone'));
      onDone();
    },
    onError: (err) => reportError(err),
  });
  const finished = steps.filter((s) => s.doneAt).length;
  return (
    <Card size="small" title={t('plan.title')} extra={<span className="wd-muted">{t('plan.progress', { done: finished, n: steps.length })}</span>} className="wd-plan" data-testid="plan-steps">
      <List
        size="small"
        dataSource={[...steps].sort((a, b) => a.seq - b.seq)}
        renderItem={(s) => (
          <List.Item
            actions={
              s.doneAt || !canDo
                ? []
                : [
                    <Popconfirm key="done" title={t('plan.confirm')} onConfirm={() => done.mutate(s.id)}>
                      <Button size="small" type="primary" ghost loading={done.isPending && done.variables === s.id} data-testid={`step-done-${s.seq}`}>
                        {t('plan.done')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <Flex gap={10} align="flex-start">
              {s.doneAt ? <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} /> : <ClockCircleOutlined style={{ color: '#fa8c16', marginTop: 4 }} />}
              <div>
                <Typography.Text delete={false} strong={!s.doneAt}>
                  {s.seq}. {s.title}
                </Typography.Text>
                <div className="wd-muted wd-small">
                  {roleLabel(s.role as never)}
                  {s.doneAt && ` · ${formatDateTime(s.doneAt)} · ${s.doneBy ?? ''}`}
                  {s.note && ` · ${s.note}`}
                </div>
              </div>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
