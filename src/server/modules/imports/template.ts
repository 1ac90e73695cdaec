import ExcelJS from 'exceljs';
import { SHEETS } from './import-sheets.ts';

/** The downloadable .xlsx template: one sheet per record kind, required headers in red, drop-downs for choices. */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk 物业客服中心';
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 100 }];
  [
    '业主档案导入模板',
    '1. 依次填写“楼栋”“房屋”“住户”三个工作表，可只填其中一部分（例如只导入住户），引用的楼栋和房屋须已在系统中或在本文件中。',
    '2. 红色表头为必填列；有下拉框的列请从下拉选项中选择。',
    '3. 上传后系统逐行检查，只要有一行有误就不会导入任何数据，并列出所有错误的行号和列名。',
    '4. 示例行（第 2 行）请删除或覆盖后再上传。',
  ].forEach((line, i) => {
    const row = help.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 14 };
  });

  for (const def of Object.values(SHEETS)) {
    const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = def.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    def.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F5FF' } };
      if (c.required) cell.font = { bold: true, color: { argb: 'FFCF1322' } };
      if (c.note) cell.note = c.note;
    });
    for (const ex of def.example) ws.addRow(ex);
    def.columns.forEach((c, i) => {
      if (!c.options) return;
      const letter = ws.getColumn(i + 1).letter;
      for (let r = 2; r <= 1000; r++) {
        ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${c.options.join(',')}"`] };
      }
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
