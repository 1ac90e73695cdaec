import ExcelJS from 'exceljs';
import type { Lang } from '../../../i18n/messages.ts';
import type { SurveyService } from './surveys.service.ts';

type Report = Awaited<ReturnType<SurveyService['report']>>;

/** The results as a workbook: the summary with its formulas, per building, per dimension, per question. */
export async function surveyWorkbook(r: Report, lang: Lang): Promise<Buffer> {
  const zh = lang !== 'en-US';
  const L = (a: string, b: string) => (zh ? a : b);
  const pct = (v: number | null) => (v == null ? '—' : `${v.toFixed(1)}%`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk';
  const s = wb.addWorksheet(L('汇总', 'Summary'));
  s.columns = [{ width: 24 }, { width: 14 }, { width: 90 }];
  s.addRow([r.title]).font = { bold: true, size: 14 };
  s.addRow([]);
  s.addRow([L('指标', 'Measure'), L('数值', 'Value'), L('目标', 'Target')]).font = { bold: true };
  s.addRow([L('发放数', 'Issued'), r.issued, '']);
  s.addRow([L('回收数', 'Returned'), r.returned, '']);
  s.addRow([L('回收率', 'Return rate'), pct(r.returnRate), `≥ ${r.targetReturn}%`]);
  s.addRow([L('有效回收率', 'Valid return rate'), pct(r.validReturnRate), '']);
  s.addRow([L('满意率', 'Satisfaction'), pct(r.satisfaction.rate), `≥ ${r.targetSatisfaction}%`]);
  s.addRow([L('满意度指数', 'Satisfaction index'), r.satisfaction.index ?? '—', '']);
  s.addRow([L('核实抽样 / 已核实 / 不符', 'Verification sample / done / mismatch'), `${r.verification.sample} / ${r.verification.done} / ${r.verification.mismatch}`, '']);
  s.addRow([]);
  s.addRow([L('计算公式', 'Formulas')]).font = { bold: true };
  for (const f of r.formulas) s.addRow([f]);

  const b = wb.addWorksheet(L('按楼栋', 'By building'));
  b.addRow([L('楼栋', 'Building'), L('发放', 'Issued'), L('回收', 'Returned'), L('回收率', 'Return rate')]).font = { bold: true };
  for (const x of r.byBuilding) b.addRow([x.key, x.issued, x.returned, pct(x.returnRate)]);

  const d = wb.addWorksheet(L('按维度', 'By dimension'));
  d.addRow([L('维度', 'Dimension'), L('有效回答', 'Answered'), L('满意', 'Satisfied'), L('满意率', 'Satisfaction'), L('指数', 'Index')]).font = { bold: true };
  for (const x of r.byDimension) d.addRow([x.dimension ?? L('（未分类）', '(none)'), x.answered, x.satisfied, pct(x.rate), x.index ?? '—']);

  const q = wb.addWorksheet(L('逐题', 'Questions'));
  q.columns = [{ width: 8 }, { width: 50 }, { width: 24 }, { width: 10 }];
  for (const x of r.questions) {
    q.addRow([x.seq, x.text]).font = { bold: true };
    for (const c of x.counts) q.addRow(['', '', c.label, c.count]);
    for (const c of x.comments) q.addRow(['', '', c]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
