/**
 * On a renovation's checkpoint an issue becomes a violation (renovation/README.md): the inspector
 * grades it 一般/严重 and may change its category, which starts on the item's own (what the server
 * records when none is chosen). Art. 5 categories are always major, and a major is never fixed on
 * the spot (the server refuses it), so the page hides that choice for a major. A minor left open
 * gets 1–7 days before the reno-daily job makes it major.
 */
import { Radio, Select } from 'antd';
import { MAJOR_CATEGORIES, MINOR_RECTIFY_DAYS, MINOR_RECTIFY_MAX_DAYS, VIOLATION_CATEGORIES, type ViolationCategory, violationCategoryOf } from '../../../core/renovation.ts';
import { VIOLATION_CATEGORY_LABELS } from '../../../core/renovation-labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { PackItem } from '../../field/types.ts';
import { useFT } from './i18n.ts';

export interface RenoGrade {
  severity?: 'minor' | 'major';
  category?: ViolationCategory;
  rectifyDays?: number;
}

/** What the server will record: the category's, else the inspector's choice, else the template item's. */
export function renoSeverity(item: PackItem, g: RenoGrade): 'minor' | 'major' {
  if (MAJOR_CATEGORIES.includes(violationCategoryOf(g.category, item.label))) return 'major';
  return g.severity ?? item.severity;
}

export function RenoIssueFields({ item, grade, fixed, onChange }: { item: PackItem; grade: RenoGrade; fixed: boolean; onChange: (g: RenoGrade) => void }) {
  const t = useFT();
  const { lang } = useI18n();
  const category = violationCategoryOf(grade.category, item.label);
  const art5 = MAJOR_CATEGORIES.includes(category);
  const severity = renoSeverity(item, grade);
  return (
    <div style={{ marginTop: 8 }} data-testid={`item-reno-${item.id}`}>
      <Select<ViolationCategory>
        style={{ width: '100%' }}
        value={category}
        placeholder={t('field.renoCategory')}
        onChange={(v) => onChange({ ...grade, category: v })}
        options={VIOLATION_CATEGORIES.map((c) => ({ value: c, label: lang === 'en-US' ? VIOLATION_CATEGORY_LABELS[c]!.en : VIOLATION_CATEGORY_LABELS[c]!.zh }))}
        data-testid={`item-category-${item.id}`}
      />
      <Radio.Group
        style={{ marginTop: 8 }}
        optionType="button"
        buttonStyle="solid"
        value={severity}
        onChange={(e) => onChange({ ...grade, severity: e.target.value })}
        options={[
          { label: t('field.renoMinor'), value: 'minor', disabled: art5 },
          { label: t('field.renoMajor'), value: 'major' },
        ]}
        data-testid={`item-severity-${item.id}`}
      />
      {art5 && <div className="wd-field-muted">{t('field.renoArt5')}</div>}
      {severity === 'major' && item.fixableOnSpot && <div className="wd-field-muted">{t('field.renoMajorNoSpot')}</div>}
      {severity === 'minor' && !fixed && (
        <div style={{ marginTop: 8 }}>
          <div className="wd-field-muted">{t('field.renoRectifyDays')}</div>
          <Select<number>
            style={{ width: 160 }}
            value={grade.rectifyDays ?? MINOR_RECTIFY_DAYS}
            onChange={(v) => onChange({ ...grade, rectifyDays: v })}
            options={Array.from({ length: MINOR_RECTIFY_MAX_DAYS }, (_, i) => ({ value: i + 1, label: t('field.renoDaysN', { n: i + 1 }) }))}
            data-testid={`item-rectify-days-${item.id}`}
          />
        </div>
      )}
    </div>
  );
}
