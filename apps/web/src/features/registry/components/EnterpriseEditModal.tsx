import { INDUSTRY_ROWS, INDUSTRY_SECTIONS } from '@relief/domain';
import { App, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { RegionCascader } from '../../../components/RegionCascader';
import { isApiError } from '../../../lib/api';
import { yuanToFen } from '../../../lib/format';
import { showApiError } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { updateEnterprise, type EnterpriseDetail } from '../api/enterprises.api';
import { ENTERPRISE_FIELD_MAP, isEmptyUpdate, toEnterpriseFormValues, toEnterpriseUpdate, type EnterpriseFormValues } from '../api/registry-model';

export interface EnterpriseEditModalProps {
  enterprise: EnterpriseDetail;
  open: boolean;
  onClose: () => void;
  /** Called with the saved enterprise. */
  onSaved: (saved: EnterpriseDetail) => void;
  /** Called after a 409: the page reloads the enterprise so the user sees who changed what. */
  onStale: () => void;
}

/** Edits an enterprise's profile (PATCH /api/enterprises/:id with its version); amounts are typed in 元. */
export function EnterpriseEditModal({ enterprise, open, onClose, onSaved, onStale }: EnterpriseEditModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [saving, setSaving] = useState(false);

  const amountRule = {
    validator: async (_: unknown, value: string | null | undefined) => {
      if (value && value.trim() !== '' && (yuanToFen(value) === null || value.trim().startsWith('-'))) throw new Error(t('enterprise.amountInvalid'));
    },
  };

  const onOk = async () => {
    const values = await form.validateFields();
    const input = toEnterpriseUpdate(enterprise, values);
    if (isEmptyUpdate(input)) {
      void message.info(t('enterprise.noChange'));
      onClose();
      return;
    }
    setSaving(true);
    try {
      const saved = await updateEnterprise(enterprise.id, input);
      void message.success(t('enterprise.saved'));
      onSaved(saved);
      onClose();
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        // Someone saved in between: say so, reload the enterprise and let the user start again.
        void message.error(e.message);
        onStale();
        onClose();
      } else {
        showApiError(e, message, form, ENTERPRISE_FIELD_MAP);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('enterprise.editTitle', { name: enterprise.name })}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okText={t('common.save')}
      okButtonProps={buttonTestId('enterprise-edit-ok')}
    >
      <Form<EnterpriseFormValues> form={form} layout="vertical" preserve={false} initialValues={toEnterpriseFormValues(enterprise)} data-testid="enterprise-edit-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('enterprises.uscc')}>
              <Input value={enterprise.uscc} disabled />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('enterprises.name')} rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}>
              <Input maxLength={100} data-testid="enterprise-edit-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="region" label={t('enterprises.region')} rules={[{ required: true, type: 'array', min: 2, message: t('register.regionRequired') }]}>
              <RegionCascader allowClear={false} testId="enterprise-edit-region" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industrySection" label={t('enterprise.industrySection')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
                data-testid="enterprise-edit-section"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industryCode" label={t('enterprise.industryCode')} rules={[{ pattern: /^\d{2,4}$/, message: t('enterprise.industryCodeInvalid') }]}>
              <Input maxLength={4} data-testid="enterprise-edit-industry-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industryRow" label={t('enterprise.industryRow')} extra={t('enterprise.industryRowHint')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={INDUSTRY_ROWS.map((r) => ({ value: r.id, label: r.name }))} data-testid="enterprise-edit-row" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="employees" label={t('register.employees')} rules={[{ pattern: /^\d{1,8}$/, message: t('enterprise.employeesInvalid') }]}>
              <Input inputMode="numeric" data-testid="enterprise-edit-employees" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="revenueYuan" label={t('enterprise.revenueYuan')} rules={[amountRule]}>
              <Input inputMode="decimal" data-testid="enterprise-edit-revenue" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="assetsYuan" label={t('enterprise.assetsYuan')} rules={[amountRule]}>
              <Input inputMode="decimal" data-testid="enterprise-edit-assets" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('enterprise.amountHint')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('enterprise.figuresHint')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
