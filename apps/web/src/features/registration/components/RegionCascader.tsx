import { Cascader } from 'antd';
import { useI18n } from '../../../lib/i18n-context';
import { useRegions } from '../api/registration.api';

export interface RegionCascaderProps {
  /** [city code, county code]. */
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
}

/** City → county picker over GET /api/regions; only a county completes the choice. */
export function RegionCascader({ value, onChange, id }: RegionCascaderProps) {
  const { t } = useI18n();
  const regions = useRegions();
  return (
    <Cascader
      id={id}
      value={value}
      onChange={(v) => onChange?.((v ?? []).map(String))}
      options={regions.data ?? []}
      loading={regions.isPending}
      fieldNames={{ label: 'name', value: 'code', children: 'children' }}
      placeholder={t('register.regionPlaceholder')}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.name).includes(input.trim())) }}
      data-testid="register-region"
    />
  );
}
