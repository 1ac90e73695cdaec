/** Server texts of the form kit: titles of the registered forms, errors, audit entries. */
export const FORMS_ZH: Record<string, string> = {
  'audit.form.complaint': '业主投诉记录表',
  'audit.form.incident': '突发事件报告',
  'audit.form.notice': '缴费通知单',
  'audit.form.reminder': '费用催收通知单',
  'audit.form.receipt': '收款收据',
  'audit.form.close': '收银日结表',
  'audit.form.stats': '收费统计表',
  'entity.form': '表单',
  'entity.formRecord': '表单记录',
  'entity.formScan': '签字扫描件',
  'field.formCode': '表单代码只能含小写字母、数字和 _ . -',
  'error.scanUnreadable': '扫描件应为 PDF 或 JPEG/PNG/WebP 图片',
  'audit.formScan.upload': '上传签字扫描件：{form} {ref}',
};

export const FORMS_EN: Record<string, string> = {
  'audit.form.complaint': 'Owner complaint record',
  'audit.form.incident': 'Incident report',
  'audit.form.notice': 'Payment notice',
  'audit.form.reminder': 'Collection reminder',
  'audit.form.receipt': 'Receipt',
  'audit.form.close': 'Daily close',
  'audit.form.stats': 'Collection statistics',
  'entity.form': 'Form',
  'entity.formRecord': 'Form record',
  'entity.formScan': 'Signed scan',
  'field.formCode': 'A form code holds only lowercase letters, digits and _ . -',
  'error.scanUnreadable': 'A scan must be a PDF or a JPEG/PNG/WebP image',
  'audit.formScan.upload': 'Uploaded signed scan: {form} {ref}',
};
