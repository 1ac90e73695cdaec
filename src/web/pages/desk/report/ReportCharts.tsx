import { Card, Col, Empty, Row } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { DEPARTMENT_LABELS, TICKET_TYPE_LABELS } from '../../../../core/desk-labels.ts';
import type { CountRow, DeskReport } from '../../../api/desk-types.ts';
import { type ChartOption, EChart } from '../../../components/desk/EChart.tsx';
import { useI18n } from '../../../i18n/index.tsx';

const GRID = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

function bar(rows: CountRow[], name: (key: string) => string, color: string, horizontal = false): ChartOption {
  const cats = rows.map((r) => name(r.key));
  const values = rows.map((r) => r.count);
  const category = { type: 'category' as const, data: cats, axisLabel: { interval: 0, hideOverlap: true } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    textStyle: { fontFamily: FONT },
    grid: horizontal ? { ...GRID, right: 36 } : GRID,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: cats.length > 6 ? 30 : 0 } },
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', data: values, itemStyle: { color, borderRadius: horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0] }, barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top' } }],
  };
}

/** Daily registered vs resolved, and the counts by type, department and building. */
export function ReportCharts({ report }: { report: DeskReport }) {
  const { t, label } = useI18n();
  const options = useMemo(() => {
    // The server lists only days with tickets; show every day of the period up to the last one.
    const byDay = new Map(report.daily.map((d) => [d.day, d]));
    const days: Array<{ day: string; registered: number; resolved: number }> = [];
    const last = report.daily.length ? report.daily[report.daily.length - 1].day : report.from;
    for (let d = dayjs(report.from); !d.isAfter(dayjs(last)) && days.length < 400; d = d.add(1, 'day')) {
      const key = d.format('YYYY-MM-DD');
      days.push(byDay.get(key) ?? { day: key, registered: 0, resolved: 0 });
    }
    const daily: ChartOption = {
      textStyle: { fontFamily: FONT },
      grid: { ...GRID, top: 40 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('report.registered'), type: 'line', smooth: true, data: days.map((d) => d.registered), itemStyle: { color: '#1677ff' }, areaStyle: { opacity: 0.08 } },
        { name: t('report.resolved'), type: 'line', smooth: true, data: days.map((d) => d.resolved), itemStyle: { color: '#52c41a' } },
      ],
    };
    return {
      daily,
      type: bar(report.byType, (k) => label(TICKET_TYPE_LABELS, k), '#1677ff'),
      department: bar(report.byDepartment, (k) => (k === 'unassigned' ? t('report.unassigned') : label(DEPARTMENT_LABELS, k)), '#13c2c2', true),
      building: bar(report.byBuilding, (k) => k, '#722ed1'),
      category: bar(report.byCategory.slice(0, 12), (k) => k, '#fa8c16', true),
    };
  }, [report, t, label]);

  const chart = (title: string, key: keyof typeof options, rows: unknown[], span = 12, height = 280) => (
    <Col xs={24} xl={span}>
      <Card size="small" title={title}>
        {rows.length ? <EChart option={options[key]} height={height} testId={`chart-${key}`} /> : <Empty style={{ height: height - 40 }} description={t('report.noData')} />}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]}>
      {chart(t('report.chartDaily'), 'daily', report.daily, 24, 300)}
      {chart(t('report.chartType'), 'type', report.byType)}
      {chart(t('report.chartDepartment'), 'department', report.byDepartment)}
      {chart(t('report.chartBuilding'), 'building', report.byBuilding)}
      {chart(t('report.chartCategory'), 'category', report.byCategory)}
    </Row>
  );
}
