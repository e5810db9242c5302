import type { BridgeLoanDetail } from '@relief/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { showApiError } from '../../../lib/form-errors';
import { fenToYuanInput, yuanToFen } from '../../../lib/format';
import { BL_KEY, createBridgeLoan, updateBridgeLoan, useBridgeLoanBanks, useBridgeLoanRules } from '../api/bridge-loan.api';
import { LOAN_TYPE_LABELS, T } from '../texts';

interface Values {
  bankOrgId?: number;
  loanContractNo?: string;
  loanType?: string;
  loanAmountYuan?: string;
  loanMaturityOn?: Dayjs;
  bridgeAmountYuan?: string;
  bridgeDays?: number;
  contactName?: string;
  contactPhone?: string;
  remark?: string;
}

const FIELD_MAP = { loanAmountFen: 'loanAmountYuan', bridgeAmountFen: 'bridgeAmountYuan' };

function toBody(v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {
    bankOrgId: v.bankOrgId, loanContractNo: v.loanContractNo || undefined, loanType: v.loanType,
    loanAmountFen: v.loanAmountYuan ? yuanToFen(v.loanAmountYuan) ?? undefined : undefined,
    loanMaturityOn: v.loanMaturityOn?.format('YYYY-MM-DD'),
    bridgeAmountFen: v.bridgeAmountYuan ? yuanToFen(v.bridgeAmountYuan) ?? undefined : undefined,
    bridgeDays: v.bridgeDays ?? undefined, contactName: v.contactName || undefined, contactPhone: v.contactPhone || undefined, remark: v.remark?.trim() || null,
  };
  return Object.fromEntries(Object.entries(out).filter(([, x]) => x !== undefined));
}

/** The enterprise's application form: new (draft or submit at once) or editing a draft / returned application. */
export function ApplyPage({ existing }: { existing?: BridgeLoanDetail }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const banks = useBridgeLoanBanks();
  const rules = useBridgeLoanRules();
  const [saving, setSaving] = useState(false);
  // One key per form: a double click or a retry of the same submission creates one application.
  const [key] = useState(() => `bl-${crypto.randomUUID()}`);
  const l = existing?.loan;
  const initial: Values = l ? {
    ...(l.bankOrgId ? { bankOrgId: l.bankOrgId } : {}), loanContractNo: l.loanContractNo ?? '', ...(l.loanType ? { loanType: l.loanType } : {}),
    loanAmountYuan: fenToYuanInput(l.loanAmountFen), ...(l.loanMaturityOn ? { loanMaturityOn: dayjs(l.loanMaturityOn) } : {}),
    bridgeAmountYuan: fenToYuanInput(l.bridgeAmountFen), ...(l.bridgeDays ? { bridgeDays: l.bridgeDays } : {}),
    contactName: l.contactName ?? '', contactPhone: l.contactPhone ?? '', remark: l.remark ?? '',
  } : { loanType: 'working_capital' };

  const save = async (submit: boolean) => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const caseId = existing
        ? (await updateBridgeLoan(existing.loan.caseId, { version: existing.case.version, ...toBody(values) })).loan.caseId
        : (await createBridgeLoan({ idempotencyKey: key, submit: false, ...toBody(values) })).caseId;
      void qc.invalidateQueries({ queryKey: BL_KEY });
      void message.success(submit ? '已保存，请上传续贷承诺书后提交' : '草稿已保存');
      navigate(`/measures/bridge-loan/cases/${caseId}`);
    } catch (e) {
      showApiError(e, message, form, FIELD_MAP);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title={existing ? `修改申请 #${existing.loan.caseId}` : T.nav.apply} testId="bl-apply-page">
      {rules.data ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }}
          title={`单笔转贷最长使用 ${rules.data.maxTermDays} 天；疫情期间费率不超过 ${rules.data.epidemicFeeCapPpm / 10_000}%（${rules.data.feeBasisLabel}）；咨询电话 ${rules.data.hotline}`}
          description={`${T.greenHint}。是否适用绿色通道由平台按名单确定，无需申报。`} />
      ) : null}
      <Card>
        <Form<Values> form={form} layout="vertical" initialValues={initial} style={{ maxWidth: 720 }} data-testid="bl-apply-form">
          <Form.Item name="bankOrgId" label={T.field.bank} rules={[{ required: true, message: '请选择贷款银行' }]}>
            <Select showSearch optionFilterProp="label" data-testid="bl-bank" options={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          <Space size={16} wrap>
            <Form.Item name="loanContractNo" label={T.field.contract} rules={[{ required: true, message: '请填写借款合同编号' }]}>
              <Input style={{ width: 240 }} data-testid="bl-contract" />
            </Form.Item>
            <Form.Item name="loanType" label={T.field.loanType} rules={[{ required: true }]}>
              <Select style={{ width: 200 }} options={Object.entries(LOAN_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Space>
          <Space size={16} wrap>
            <Form.Item name="loanAmountYuan" label={T.field.loanAmount} rules={[{ required: true, message: '请填写金额' }, { validator: (_, v) => (!v || yuanToFen(String(v)) ? Promise.resolve() : Promise.reject(new Error('金额应为元，最多两位小数'))) }]}>
              <Input style={{ width: 200 }} data-testid="bl-loan-amount" />
            </Form.Item>
            <Form.Item name="loanMaturityOn" label={T.field.maturity} rules={[{ required: true, message: '请选择到期日' }]}>
              <DatePicker data-testid="bl-maturity" />
            </Form.Item>
          </Space>
          <Space size={16} wrap>
            <Form.Item name="bridgeAmountYuan" label={T.field.bridgeAmount} rules={[{ required: true, message: '请填写金额' }, { validator: (_, v) => (!v || yuanToFen(String(v)) ? Promise.resolve() : Promise.reject(new Error('金额应为元，最多两位小数'))) }]}>
              <Input style={{ width: 200 }} data-testid="bl-bridge-amount" />
            </Form.Item>
            <Form.Item name="bridgeDays" label={T.field.days} rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={1} max={365} style={{ width: 120 }} data-testid="bl-days" />
            </Form.Item>
          </Space>
          <Space size={16} wrap>
            <Form.Item name="contactName" label={T.field.contact} rules={[{ required: true, message: '请填写联系人' }]}>
              <Input style={{ width: 200 }} data-testid="bl-contact" />
            </Form.Item>
            <Form.Item name="contactPhone" label={T.field.phone} rules={[{ required: true, message: '请填写联系电话' }]}>
              <Input style={{ width: 200 }} data-testid="bl-phone" />
            </Form.Item>
          </Space>
          <Form.Item name="remark" label={T.field.remark}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space>
            <Button type="primary" loading={saving} onClick={() => void save(true)} data-testid="bl-save-next">保存并上传续贷承诺书</Button>
            <Button loading={saving} onClick={() => void save(false)} data-testid="bl-save-draft">{T.saveDraft}</Button>
          </Space>
        </Form>
      </Card>
    </PageContainer>
  );
}
