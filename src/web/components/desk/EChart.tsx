/**
 * A small React wrapper for ECharts: one instance per element (re-created when the UI language
 * changes, for ECharts' own texts), resized with its box, disposed on unmount. `aria` is on, so
 * the chart's data is also in the element's aria-label for screen readers (and tests).
 * ECharts itself (echarts-setup.ts) is fetched when the first chart mounts: the page's tables and
 * figures do not wait for it (npm run bench:web counts it as the page's deferred part).
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption, ECharts } from 'echarts/core';
import { type CSSProperties, useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/index.tsx';

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

export function EChart({ option, height = 300, style, testId }: { option: ChartOption; height?: number; style?: CSSProperties; testId?: string }) {
  const { lang } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup.ts').then(({ echarts }) => {
      if (gone || !el.current) return;
      const instance = echarts.init(el.current, undefined, { renderer: 'canvas', locale: lang === 'zh-CN' ? 'ZH' : 'EN' });
      instance.setOption({ aria: { enabled: true }, ...latest.current });
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(el.current);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [lang]);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);
  return <div ref={el} style={{ width: '100%', height, ...style }} data-testid={testId} />;
}
