import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Tooltip, Typography } from 'antd';
import type { DeskReport, RateKey } from '../../../api/desk-types.ts';
import { type MessageKey, useT } from '../../../i18n/index.tsx';

const KPIS: Array<{ key: RateKey; label: MessageKey }> = [
  { key: 'responseTimeliness', label: 'report.responseTimeliness' },
  { key: 'resolutionTimeliness', label: 'report.resolutionTimeliness' },
  { key: 'resolutionRate', label: 'report.resolutionRate' },
  { key: 'effectiveness', label: 'report.effectiveness' },
  { key: 'satisfaction', label: 'report.satisfaction' },
];

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The five rates of the month, each with the formula it is computed by. */
export function KpiCards({ report }: { report: DeskReport }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]} data-testid="kpi-cards">
      {KPIS.map(({ key, label }) => {
        const v = report.rates[key];
        const target = key === 'resolutionRate' ? report.targets.resolutionRate : null;
        const color = target != null && v != null ? (v >= target ? '#389e0d' : '#cf1322') : undefined;
        return (
          <Col key={key} xs={24} sm={12} lg={8} xl={{ flex: '20%' }}>
            <Card size="small" className="wd-kpi" data-testid={`kpi-${key}`}>
              <div className="wd-kpi-label">
                {t(label)}
                <Tooltip title={report.formulas[key]}>
                  <InfoCircleOutlined className="wd-muted" />
                </Tooltip>
              </div>
              <div className="wd-kpi-value" style={{ color }}>
                {v == null ? (
                  <Tooltip title={t('report.notEnoughDataHint', { n: report.minRateBase })}>
                    <span className="wd-muted wd-kpi-few" data-testid={`kpi-few-${key}`}>
                      {t('report.notEnoughData')}
                    </span>
                  </Tooltip>
                ) : key === 'satisfaction' ? (
                  v.toFixed(2)
                ) : (
                  pct(v)
                )}
                {key === 'satisfaction' && v != null && <span className="wd-kpi-unit"> / 5</span>}
              </div>
              {target != null && (
                <div className="wd-small" style={{ color: color ?? 'inherit' }}>
                  {t('report.target', { v: pct(target) })}
                </div>
              )}
              <Typography.Paragraph type="secondary" className="wd-kpi-formula" ellipsis={{ rows: 2, tooltip: report.formulas[key] }}>
                {report.formulas[key]}
              </Typography.Paragraph>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
