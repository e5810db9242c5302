import { defaultRowForSection, type IndustrySectionCode } from '@relief/domain';
import { Col, Form, type FormInstance, Select } from 'antd';
import { useI18n } from '../../../lib/i18n-context';
import { useIndustries } from '../api/registration.api';

/**
 * The industry of an enterprise, in one component: the GB/T 4754 section (门类) and the row of
 * 300号 that decides its size class (划型行业), prefilled from the section where it alone decides.
 * Options come from GET /api/industries, or from the domain's tables while that is unavailable.
 */
export function IndustryFields({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const industries = useIndustries();
  const onSectionChange = (section: string | undefined) => {
    let row: string | undefined;
    try {
      row = section ? defaultRowForSection(section as IndustrySectionCode) : undefined;
    } catch {
      row = undefined;
    }
    form.setFieldValue('industryRow', row);
  };
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="industrySection" label={t('register.industry')} rules={[{ required: true, message: t('register.industryRequired') }]}>
          <Select
            loading={industries.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={onSectionChange}
            options={(industries.data?.sections ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
            data-testid="register-industry"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="industryRow" label={t('register.industryRow')} extra={t('register.industryRowHint')}>
          <Select
            allowClear
            loading={industries.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(industries.data?.rows ?? []).map((r) => ({ value: r.id, label: r.name }))}
            data-testid="register-industry-row"
          />
        </Form.Item>
      </Col>
    </>
  );
}
