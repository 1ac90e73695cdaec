/**
 * The import workbook: three sheets with Chinese headers, in the order a new estate is set up
 * (buildings, then units, then households). The template and the reader share this definition.
 */
import {
  BUILDING_KIND_LABELS,
  CARE_FLAG_LABELS,
  RELATION_LABELS,
  UNIT_STATUS_LABELS,
  UNIT_USAGE_LABELS,
} from '../../../core/labels.ts';

export interface Column {
  key: string;
  header: string;
  required?: boolean;
  width?: number;
  /** Allowed labels, shown as a drop-down in the template. */
  options?: string[];
  note?: string;
}
export interface SheetDef {
  name: string;
  columns: Column[];
  example: Record<string, string | number>[];
}

const zh = (labels: Record<string, { zh: string }>) => Object.values(labels).map((l) => l.zh);

export const SHEETS: Record<'buildings' | 'units' | 'households', SheetDef> = {
  buildings: {
    name: '楼栋',
    columns: [
      { key: 'code', header: '楼栋编号', required: true, width: 12, note: '如 1、2、A3' },
      { key: 'name', header: '楼栋名称', required: true, width: 14 },
      { key: 'area', header: '片区', width: 12, note: '须为系统中已有的片区名称' },
      { key: 'kind', header: '类型', required: true, width: 10, options: zh(BUILDING_KIND_LABELS) },
      { key: 'floors', header: '层数', required: true, width: 8 },
      { key: 'entrances', header: '单元数', required: true, width: 8 },
      { key: 'builtYear', header: '建成年份', width: 10 },
      { key: 'notes', header: '备注', width: 20 },
    ],
    example: [{ code: '1', name: '1栋', area: '', kind: '高层', floors: 18, entrances: 2, builtYear: 2015, notes: '' }],
  },
  units: {
    name: '房屋',
    columns: [
      { key: 'building', header: '楼栋编号', required: true, width: 10 },
      { key: 'entrance', header: '单元', width: 8 },
      { key: 'floor', header: '楼层', required: true, width: 8 },
      { key: 'number', header: '房号', required: true, width: 10 },
      { key: 'area', header: '建筑面积(㎡)', required: true, width: 14, note: '最多两位小数' },
      { key: 'usage', header: '用途', width: 10, options: zh(UNIT_USAGE_LABELS) },
      { key: 'status', header: '状态', width: 10, options: zh(UNIT_STATUS_LABELS) },
      { key: 'structure', header: '房屋结构', width: 12 },
      { key: 'quality', header: '质量状况', width: 20 },
      { key: 'deliveredOn', header: '交付日期', width: 12, note: 'YYYY-MM-DD' },
    ],
    example: [{ building: '1', entrance: '1', floor: 3, number: '301', area: 89.5, usage: '住宅', status: '自住', structure: '剪力墙', quality: '', deliveredOn: '2016-06-30' }],
  },
  households: {
    name: '住户',
    columns: [
      { key: 'building', header: '楼栋编号', required: true, width: 10 },
      { key: 'entrance', header: '单元', width: 8 },
      { key: 'number', header: '房号', required: true, width: 10 },
      { key: 'name', header: '姓名', required: true, width: 10 },
      { key: 'relation', header: '与户主关系', required: true, width: 12, options: zh(RELATION_LABELS) },
      { key: 'isOwner', header: '是否产权人', width: 10, options: ['是', '否'] },
      { key: 'gender', header: '性别', width: 8, options: ['男', '女'] },
      { key: 'birthYear', header: '出生年份', width: 10 },
      { key: 'phone', header: '电话', width: 14 },
      { key: 'idNumber', header: '身份证号', width: 20 },
      { key: 'occupation', header: '职业', width: 10 },
      { key: 'employer', header: '工作单位', width: 16 },
      { key: 'specialties', header: '特长', width: 12 },
      { key: 'hobbies', header: '爱好', width: 12 },
      { key: 'care', header: '关怀类型', width: 14, note: `可多选，用顿号分隔：${zh(CARE_FLAG_LABELS).join('、')}` },
      { key: 'movedInOn', header: '入住日期', width: 12, note: 'YYYY-MM-DD' },
    ],
    example: [
      { building: '1', entrance: '1', number: '301', name: '张伟', relation: '户主', isOwner: '是', gender: '男', birthYear: 1978, phone: '13800001234', idNumber: '', occupation: '工程师', employer: '', specialties: '', hobbies: '羽毛球', care: '', movedInOn: '2016-08-01' },
    ],
  },
};
