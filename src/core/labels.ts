/** Display names of the domain's enumerations, shared by the web app, printed forms and Excel. */
type Labels = Record<string, { zh: string; en: string }>;

export const UNIT_STATUS_LABELS: Labels = {
  occupied: { zh: '自住', en: 'Owner-occupied' },
  rented: { zh: '出租', en: 'Rented' },
  vacant: { zh: '空置', en: 'Vacant' },
  renovating: { zh: '装修中', en: 'Renovating' },
};
export const UNIT_USAGE_LABELS: Labels = {
  residential: { zh: '住宅', en: 'Residential' },
  commercial: { zh: '商业', en: 'Commercial' },
  office: { zh: '办公', en: 'Office' },
  parking: { zh: '车位', en: 'Parking' },
  storage: { zh: '储藏', en: 'Storage' },
};
export const BUILDING_KIND_LABELS: Labels = {
  high_rise: { zh: '高层', en: 'High-rise' },
  mid_rise: { zh: '小高层', en: 'Mid-rise' },
  multi_storey: { zh: '多层', en: 'Multi-storey' },
  villa: { zh: '别墅', en: 'Villa' },
  commercial: { zh: '商业', en: 'Commercial' },
};
export const FACILITY_KIND_LABELS: Labels = {
  clubhouse: { zh: '会所', en: 'Clubhouse' },
  pool: { zh: '游泳池', en: 'Swimming pool' },
  sports: { zh: '运动场', en: 'Sports ground' },
  plaza: { zh: '中心广场', en: 'Central plaza' },
  playground: { zh: '游乐设施', en: 'Playground' },
  business_center: { zh: '商务中心', en: 'Business center' },
  office: { zh: '办公区域', en: 'Office area' },
  other: { zh: '其他', en: 'Other' },
};
export const CARE_FLAG_LABELS: Labels = {
  elderly_alone: { zh: '孤寡老人', en: 'Elderly living alone' },
  child: { zh: '留守儿童', en: 'Child needing care' },
  disabled: { zh: '残疾', en: 'Disabled' },
  sick: { zh: '病患', en: 'Chronically ill' },
};
export const RELATION_LABELS: Labels = {
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙辈', en: 'Grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  tenant: { zh: '租户', en: 'Tenant' },
  nanny: { zh: '保姆', en: 'Domestic helper' },
  other: { zh: '其他', en: 'Other' },
};
export const ACQUIRED_HOW_LABELS: Labels = {
  purchase: { zh: '购买', en: 'Purchase' },
  transfer: { zh: '转让', en: 'Transfer' },
  inheritance: { zh: '继承', en: 'Inheritance' },
  gift: { zh: '赠与', en: 'Gift' },
  other: { zh: '其他', en: 'Other' },
};

/** Reverse lookup for imports: accepts the Chinese label, the English label or the code. */
export function codeOf(labels: Labels, text: string): string | undefined {
  const v = text.trim();
  for (const [code, l] of Object.entries(labels)) {
    if (v === code || v === l.zh || v.toLowerCase() === l.en.toLowerCase()) return code;
  }
  return undefined;
}
