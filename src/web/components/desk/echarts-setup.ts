/**
 * ECharts with only the parts the pages draw (bars, lines, grid, tooltip, legend, aria): about
 * 180 KB gz instead of 370. A chart type or component added to a page must be registered here.
 * Loaded by EChart.tsx when the first chart is drawn, so a page's tables and figures come first.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout, LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, LabelLayout, LegacyGridContainLabel, CanvasRenderer]);

export { echarts };
