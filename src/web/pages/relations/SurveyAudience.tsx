/**
 * The survey builder's audience: areas, buildings, picked units, units pasted as labels, care flags;
 * and how many units it reaches before anything is saved (POST /surveys/audience, which also turns
 * pasted labels into units or names the ones it does not know).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Flex, Form, type FormInstance, Input, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useBuildings } from './noticeParts.tsx';

export const CARE_ALL = ['elderly_alone', 'child', 'disabled', 'sick'];
export interface AudienceValues {
  areaIds?: number[];
  buildingIds?: number[];
  unitIds?: number[];
  unitLabels?: string;
  careOnly?: boolean;
  includeVacant?: boolean;
}
interface UnitRow {
  id: number;
  buildingCode: string;
  entrance: string | null;
  number: string;
}

export const splitLabels = (text: string | undefined) => (text ?? '').split(/[\s,，、;；]+/).map((l) => l.trim()).filter(Boolean);
export const audienceBody = (v: AudienceValues) => ({
  areaIds: v.areaIds ?? [],
  buildingIds: v.buildingIds ?? [],
  unitIds: v.unitIds ?? [],
  careFlags: v.careOnly ? CARE_ALL : [],
  includeVacant: !!v.includeVacant,
});

/** Resolves pasted labels into unit ids (a 400 naming the unknown ones is thrown to the caller). */
export async function resolveAudience(estateId: number, v: AudienceValues) {
  return api<{ count: number; unitIds: number[] }>('/api/v1/surveys/audience', { body: { estateId, audience: audienceBody(v), unitLabels: splitLabels(v.unitLabels) } });
}

function UnitsPick({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const { estateId } = useSession();
  const [q, setQ] = useState('');
  const known = useRef(new Map<number, string>());
  const found = useQuery({
    queryKey: ['survey-units', estateId, q],
    queryFn: () => api<ListResponse<UnitRow>>('/api/v1/units', { query: { estateId, q, pageSize: 20 } }),
    enabled: !!estateId && q.length > 0,
  });
  for (const u of found.data?.items ?? []) known.current.set(u.id, [u.buildingCode, u.entrance, u.number].filter(Boolean).join('-'));
  const options = [...new Set([...(value ?? []), ...(found.data?.items ?? []).map((u) => u.id)])].map((id) => ({ value: id, label: known.current.get(id) ?? `#${id}` }));
  return <Select mode="multiple" value={value} onChange={onChange} showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim()) }} loading={found.isFetching} options={options} data-testid="aud-units" />;
}

export function SurveyAudienceFields({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const { estateId, estate } = useSession();
  const buildings = useBuildings(estateId);
  const v = Form.useWatch([], form) as AudienceValues | undefined;
  const key = JSON.stringify([audienceBody(v ?? {}), splitLabels(v?.unitLabels)]);
  const [debounced, setDebounced] = useState(key);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(key), 400);
    return () => clearTimeout(h);
  }, [key]);
  const preview = useQuery({
    queryKey: ['survey-audience', estateId, debounced],
    queryFn: () => resolveAudience(estateId!, v ?? {}),
    enabled: !!estateId && debounced === key,
    retry: false,
  });
  const labelError = preview.error instanceof ApiError ? preview.error.fields.unitLabels ?? preview.error.message : preview.error ? String(preview.error) : null;
  return (
    <>
      <Flex gap={12}>
        <Form.Item name="areaIds" label={t('rel.survey.audienceAreas')} style={{ flex: 1 }}>
          <Select mode="multiple" options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('rel.survey.audienceBuildings')} style={{ flex: 1 }}>
          <Select mode="multiple" optionFilterProp="label" options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }))} data-testid="aud-buildings" />
        </Form.Item>
      </Flex>
      <Form.Item name="unitIds" label={t('rel.survey.audienceUnits')}>
        <UnitsPick />
      </Form.Item>
      <Form.Item name="unitLabels" label={t('rel.survey.audienceLabels')} extra={t('rel.survey.audienceLabelsHint')} validateStatus={labelError ? 'error' : undefined} help={labelError ? <span data-testid="aud-labels-error">{labelError}</span> : undefined}>
        <Input.TextArea rows={2} placeholder="1-1-101, 2-1-302" data-testid="aud-labels" />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="careOnly" valuePropName="checked"><Checkbox>{t('rel.survey.audienceCare')}</Checkbox></Form.Item>
        <Form.Item name="includeVacant" valuePropName="checked"><Checkbox>{t('rel.survey.includeVacant')}</Checkbox></Form.Item>
      </Flex>
      {preview.data && !labelError && <Alert type={preview.data.count ? 'info' : 'warning'} showIcon style={{ marginBottom: 16 }} title={t('rel.survey.audienceSize', { n: preview.data.count })} data-testid="aud-size" />}
    </>
  );
}
