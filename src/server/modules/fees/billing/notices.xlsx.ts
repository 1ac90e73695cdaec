import ExcelJS from 'exceljs';
import type { Lang } from '../../../i18n/messages.ts';
import type { Notice } from './notices.service.ts';

const yuan = (fen: number) => fen / 100;
const MONEY = '#,##0.00';

/**
 * The billing list 缴费清单 as the cashier prints it (manual 4.1.2): one row per unit and fee item
 * with a total row, then one row per unit with arrears, late fees, prepaid balance and the total due.
 */
export async function noticesWorkbook(notices: Notice[], estateName: string, period: string, lang: Lang): Promise<Buffer> {
  const zh = lang !== 'en-US';
  const L = (zhText: string, enText: string) => (zh ? zhText : enText);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk';

  const ws = wb.addWorksheet(L('缴费清单', 'Billing list'));
  ws.columns = [{ width: 14 }, { width: 14 }, { width: 16 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }];
  ws.addRow([L(`${estateName} 缴费清单 ${period}`, `${estateName} billing list ${period}`)]).font = { bold: true, size: 14 };
  const head = ws.addRow([
    L('房号', 'Unit'), L('业主', 'Owner'), L('收费项目', 'Fee item'), L('期间', 'Period'), L('数量', 'Quantity'), L('单价(元)', 'Price (CNY)'),
    L('应收(元)', 'Gross (CNY)'), L('优惠(元)', 'Discount (CNY)'), L('应缴(元)', 'Amount (CNY)'), L('已缴(元)', 'Paid (CNY)'), L('未缴(元)', 'Due (CNY)'), L('缴费截止日', 'Due on'),
  ]);
  head.font = { bold: true };
  const total = { gross: 0, discount: 0, amount: 0, paid: 0, due: 0 };
  for (const n of notices) {
    const byItem = new Map<number, Notice['lines']>();
    for (const l of n.lines) byItem.set(l.feeItemId, [...(byItem.get(l.feeItemId) ?? []), l]);
    for (const lines of byItem.values()) {
      const first = lines.find((l) => l.kind === 'charge') ?? lines[0]!;
      const sum = (f: (l: Notice['lines'][number]) => number) => lines.reduce((a, l) => a + f(l), 0);
      const row = { gross: sum((l) => l.gross), discount: sum((l) => l.discount), amount: sum((l) => l.amount), paid: sum((l) => l.paid), due: sum((l) => l.totalDue) };
      const areaQty = first.itemKind === 'area' || first.itemKind === 'shared';
      ws.addRow([
        n.unitLabel, n.ownerName ?? '', first.itemName, n.period,
        first.quantity != null ? (areaQty ? first.quantity / 100 : first.quantity) : null,
        first.price != null ? first.price / 10_000 : null,
        yuan(row.gross), yuan(row.discount), yuan(row.amount), yuan(row.paid), yuan(row.due), first.dueOn,
      ]);
      for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += row[k];
    }
  }
  const sumRow = ws.addRow([L('合计', 'Total'), '', '', '', null, null, yuan(total.gross), yuan(total.discount), yuan(total.amount), yuan(total.paid), yuan(total.due), '']);
  sumRow.font = { bold: true };
  for (const c of [6, 7, 8, 9, 10, 11]) ws.getColumn(c).numFmt = MONEY;

  const units = wb.addWorksheet(L('缴费通知汇总', 'Notices'));
  units.columns = [{ width: 14 }, { width: 14 }, { width: 12 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 22 }];
  units.addRow([
    L('房号', 'Unit'), L('业主', 'Owner'), L('楼栋', 'Building'), L('片区', 'Area'), L('本期应缴(元)', 'This period (CNY)'), L('往期欠费(元)', 'Arrears (CNY)'),
    L('滞纳金(元)', 'Late fees (CNY)'), L('预存余额(元)', 'Prepaid (CNY)'), L('合计应缴(元)', 'Total due (CNY)'), L('缴费截止日', 'Due on'), L('送达时间', 'Delivered at'),
  ]).font = { bold: true };
  const t2 = { period: 0, arrears: 0, late: 0, prepaid: 0, due: 0 };
  for (const n of notices) {
    units.addRow([n.unitLabel, n.ownerName ?? '', n.buildingName, n.areaName ?? '', yuan(n.periodAmount), yuan(n.arrears), yuan(n.lateFees), yuan(n.prepaidBalance), yuan(n.totalDue), n.dueOn ?? '', n.deliveredAt ?? '']);
    t2.period += n.periodAmount;
    t2.arrears += n.arrears;
    t2.late += n.lateFees;
    t2.prepaid += n.prepaidBalance;
    t2.due += n.totalDue;
  }
  units.addRow([L('合计', 'Total'), '', '', '', yuan(t2.period), yuan(t2.arrears), yuan(t2.late), yuan(t2.prepaid), yuan(t2.due), '', '']).font = { bold: true };
  for (const c of [5, 6, 7, 8, 9]) units.getColumn(c).numFmt = MONEY;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
