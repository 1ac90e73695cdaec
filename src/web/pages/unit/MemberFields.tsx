import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { CARE_FLAG_LABELS, RELATION_LABELS } from '../../../core/labels.ts';
import { PHONE_PATTERN } from '../../../core/mask.ts';
import { CARE_FLAGS, RELATIONS } from '../../../core/units.ts';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The fields of one household member (家庭成员), for the add/edit drawer and for each member of a
 * new household. `prefix` is the Form.List path when inside a list.
 */
export function MemberFields({ prefix = [], editing = false, compact = false }: { prefix?: Array<string | number>; editing?: boolean; compact?: boolean }) {
  const { t, label } = useI18n();
  const n = (name: string) => [...prefix, name];
  const span = compact ? 8 : 12;
  return (
    <Row gutter={16}>
      <Col span={span}>
        <Form.Item name={n('name')} label={t('member.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 64 }]}>
          <Input maxLength={64} data-testid="member-name" />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name={n('relation')} label={t('member.relation')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={RELATIONS.map((r) => ({ value: r, label: label(RELATION_LABELS, r) }))} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name={n('gender')} label={t('member.gender')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'M', label: t('gender.M') },
              { value: 'F', label: t('gender.F') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name={n('birthYear')} label={t('member.birthYear')}>
          <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item
          name={n('phone')}
          label={t('member.phone')}
          extra={editing ? t('form.keepMasked') : undefined}
          rules={[{ pattern: PHONE_PATTERN, message: t('form.phone') }]}
        >
          <Input inputMode="tel" maxLength={20} placeholder={editing ? t('form.unchanged') : undefined} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item name={n('idNumber')} label={t('member.idNumber')} extra={editing ? t('form.keepMasked') : undefined}>
          <Input maxLength={18} placeholder={editing ? t('form.unchanged') : undefined} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t('member.marks')} style={{ marginBottom: 8 }}>
          <Row gutter={16}>
            <Col>
              <Form.Item name={n('isHead')} valuePropName="checked" noStyle>
                <Checkbox>{t('member.isHead')}</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name={n('isOwner')} valuePropName="checked" noStyle>
                <Checkbox>{t('member.isOwner')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
      </Col>
      {!compact && (
        <>
          <Col span={12}>
            <Form.Item name={n('occupation')} label={t('member.occupation')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={n('employer')} label={t('member.employer')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={n('specialties')} label={t('member.specialties')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={n('hobbies')} label={t('member.hobbies')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </>
      )}
      <Col span={24}>
        <Form.Item name={n('careFlags')} label={t('member.careFlags')} extra={compact ? undefined : t('member.careHint')}>
          <Checkbox.Group options={CARE_FLAGS.map((f) => ({ value: f, label: label(CARE_FLAG_LABELS, f) }))} />
        </Form.Item>
      </Col>
      {!compact && (
        <Col span={24}>
          <Form.Item name={n('notes')} label={t('common.notes')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

export interface MemberValues {
  name: string;
  relation: string;
  gender?: 'M' | 'F' | null;
  birthYear?: number | null;
  phone?: string;
  idNumber?: string;
  isHead?: boolean;
  isOwner?: boolean;
  occupation?: string;
  employer?: string;
  specialties?: string;
  hobbies?: string;
  careFlags?: string[];
  notes?: string;
}

/** Form values → request body; on edit, blank phone/ID mean "keep the stored number". */
export function memberBody(v: MemberValues, editing: boolean): Record<string, unknown> {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  const body: Record<string, unknown> = {
    name: v.name.trim(),
    relation: v.relation,
    isHead: !!v.isHead,
    isOwner: !!v.isOwner,
    gender: v.gender ?? null,
    birthYear: v.birthYear ?? null,
    occupation: text(v.occupation),
    employer: text(v.employer),
    specialties: text(v.specialties),
    hobbies: text(v.hobbies),
    careFlags: v.careFlags ?? [],
    notes: text(v.notes),
  };
  for (const key of ['phone', 'idNumber'] as const) {
    const value = text(v[key]);
    if (value || !editing) body[key] = value;
  }
  return body;
}
