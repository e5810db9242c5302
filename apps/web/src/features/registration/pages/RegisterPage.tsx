import { App, Button, Card, Col, Divider, Form, Input, InputNumber, Result, Row, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PasswordFields } from '../../../components/PasswordFields';
import { PublicShell } from '../../../components/PublicShell';
import { showApiError } from '../../../lib/form-errors';
import { validateUscc, wanToFen } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { submitRegistration, type RegistrationInput } from '../api/registration.api';
import { IndustryFields } from '../components/IndustryFields';
import { RegionCascader } from '../components/RegionCascader';

interface RegisterForm {
  uscc: string;
  name: string;
  region: string[];
  industrySection: string;
  industryRow?: string;
  employees: number;
  revenueWan: string;
  assetsWan: string;
  contactName: string;
  contactPhone: string;
  username: string;
  password: string;
  passwordConfirm: string;
}

/** Server field names that this form holds under another name. */
const FIELD_MAP = { revenueFen: 'revenueWan', assetsFen: 'assetsWan', regionCode: 'region' };

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$/;
/** As the domain's usernameSchema (contracts/platform.ts), checked here to answer while typing. */
const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;

export function RegisterPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const onFinish = async (v: RegisterForm) => {
    const input: RegistrationInput = {
      uscc: v.uscc.trim().toUpperCase(),
      name: v.name.trim(),
      regionCode: v.region[v.region.length - 1] ?? '',
      industrySection: v.industrySection,
      ...(v.industryRow ? { industryRow: v.industryRow } : {}),
      employees: Number(v.employees),
      revenueFen: wanToFen(v.revenueWan) ?? 0,
      assetsFen: wanToFen(v.assetsWan) ?? 0,
      contactName: v.contactName.trim(),
      contactPhone: v.contactPhone.trim(),
      username: v.username.trim(),
      password: v.password,
    };
    setSubmitting(true);
    try {
      await submitRegistration(input);
      setSubmitted(true);
    } catch (e) {
      showApiError(e, message, form, FIELD_MAP);
    } finally {
      setSubmitting(false);
    }
  };

  if (submitted) {
    return (
      <PublicShell width={640}>
        <Card>
          <Result
            status="success"
            title={t('register.submittedTitle')}
            subTitle={t('register.submittedText')}
            extra={
              <Link to="/login">
                <Button type="primary">{t('register.backToLogin')}</Button>
              </Link>
            }
            data-testid="register-success"
          />
        </Card>
      </PublicShell>
    );
  }

  const amountRule = {
    validator: async (_: unknown, value: string | number | null | undefined) => {
      if (value === null || value === undefined || value === '') return;
      const fen = wanToFen(String(value));
      if (fen === null || fen < 0) throw new Error(t('register.amountInvalid'));
    },
  };

  return (
    <PublicShell width={760}>
      <Card title={t('register.title')}>
        <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
        <Form<RegisterForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} scrollToFirstError data-testid="register-form">
          <Divider titlePlacement="start">{t('register.sectionEnterprise')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="uscc"
                label={t('register.uscc')}
                hasFeedback
                normalize={(v: string | undefined) => (v ?? '').replace(/\s/g, '').toUpperCase()}
                rules={[
                  { required: true, message: t('register.usccRequired') },
                  {
                    validator: async (_, value: string | undefined) => {
                      if (!value) return;
                      const result = validateUscc(value);
                      if (!result.valid) throw new Error(result.message);
                    },
                  },
                ]}
              >
                <Input maxLength={18} placeholder={t('register.usccPlaceholder')} data-testid="register-uscc" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('register.name')} rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}>
                <Input maxLength={100} data-testid="register-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="region" label={t('register.region')} rules={[{ required: true, type: 'array', min: 2, message: t('register.regionRequired') }]}>
                <RegionCascader />
              </Form.Item>
            </Col>
            <IndustryFields form={form} />
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('register.figuresHint')}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="employees" label={t('register.employees')} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="register-employees" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="revenueWan" label={t('register.revenue')} rules={[{ required: true, message: t('common.required') }, amountRule]}>
                <InputNumber<string> stringMode min="0" style={{ width: '100%' }} data-testid="register-revenue" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="assetsWan" label={t('register.assets')} rules={[{ required: true, message: t('common.required') }, amountRule]}>
                <InputNumber<string> stringMode min="0" style={{ width: '100%' }} data-testid="register-assets" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.sectionContact')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="contactName" label={t('register.contactName')} rules={[{ required: true, whitespace: true, message: t('register.contactNameRequired') }]}>
                <Input maxLength={50} data-testid="register-contact-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="contactPhone"
                label={t('register.contactPhone')}
                rules={[
                  { required: true, message: t('common.required') },
                  { pattern: PHONE, message: t('register.phoneInvalid') },
                ]}
              >
                <Input maxLength={20} data-testid="register-contact-phone" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.sectionAccount')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="username"
                label={t('register.username')}
                extra={t('register.usernameRule')}
                rules={[
                  { required: true, message: t('common.required') },
                  { pattern: USERNAME, message: t('register.usernameRule') },
                ]}
              >
                <Input autoComplete="username" maxLength={64} data-testid="register-username" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <PasswordFields label={t('register.password')} testIdPrefix="register" usernameField="username" />
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={submitting} block data-testid="register-submit">
            {t('register.submit')}
          </Button>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
            <Link to="/login">{t('register.haveAccount')}</Link>
          </Typography.Paragraph>
        </Form>
      </Card>
    </PublicShell>
  );
}
