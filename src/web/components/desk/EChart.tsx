/**
 * A small React wrapper for ECharts: one instance per element (re-created when the UI language
 * changes, for ECharts' own texts), resized with its box, disposed on unmount. `aria` is on, so
 * the chart's data is also in the element's aria-label for screen readers (and tests).
 */
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout, LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/index.tsx';

// Only the parts the pages draw (bars, lines, grid, tooltip, legend, aria): a third of full ECharts.
// A chart type or component added to a page must be registered here too.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, LabelLayout, LegacyGridContainLabel, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

export function EChart({ option, height = 300, style, testId }: { option: ChartOption; height?: number; style?: CSSProperties; testId?: string }) {
  const { lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas', locale: lang === 'zh-CN' ? 'ZH' : 'EN' });
    instance.setOption({ aria: { enabled: true }, ...latest.current });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);
  return <div ref={el} style={{ width: '100%', height, ...style }} data-testid={testId} />;
}
