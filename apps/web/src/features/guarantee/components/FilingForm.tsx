import { Alert, App, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Switch, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { isApiError } from '../../../lib/api';
import { percentToPpm, wanToFen } from '../../../lib/format';
import { showApiError } from '../../../lib/form-errors';
import { guaranteeApi, type GuaranteeEnterprise, lookupEnterprise, newIdempotencyKey, useGuaranteeBanks, useGuaranteeMutation } from '../api/guarantee.api';
import { T } from '../texts';

interface Values {
  uscc: string;
  bankOrgId?: number | 'other';
  bankName?: string;
  contractNo: string;
  amount: string;
  termMonths: number;
  fee: string;
  counterGuarantee: boolean;
  startOn: Dayjs;
}

/** The filing form of a guarantee institution (担保备案); a refusal by the rule is shown with its clause. */
export function FilingForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const banks = useGuaranteeBanks(open);
  const [enterprise, setEnterprise] = useState<GuaranteeEnterprise | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  // One key per submission attempt: a retry of the same form after a network failure is not filed twice.
  const key = useRef(newIdempotencyKey());
  const mutation = useGuaranteeMutation(guaranteeApi.file);
  const bank = Form.useWatch('bankOrgId', form);

  const check = async () => {
    const uscc = (form.getFieldValue('uscc') as string | undefined)?.trim();
    setEnterprise(null);
    if (!uscc) return;
    try {
      setEnterprise(await lookupEnterprise(uscc));
    } catch (e) {
      form.setFields([{ name: 'uscc', errors: [isApiError(e) ? e.message : String(e)] }]);
    }
  };

  const submit = async (v: Values) => {
    setRefusal(null);
    const amountFen = wanToFen(v.amount);
    const feeRatePpm = percentToPpm(v.fee);
    if (amountFen === null || amountFen <= 0) return form.setFields([{ name: 'amount', errors: ['请填写担保金额（万元，最多六位小数）'] }]);
    if (feeRatePpm === null) return form.setFields([{ name: 'fee', errors: ['请填写年担保费率，如 0.8'] }]);
    try {
      const r = await mutation.mutateAsync({
        idempotencyKey: key.current, uscc: v.uscc.trim(), contractNo: v.contractNo.trim(), amountFen, termMonths: v.termMonths, feeRatePpm,
        counterGuarantee: v.counterGuarantee, startOn: v.startOn.format('YYYY-MM-DD'),
        ...(v.bankOrgId === 'other' || v.bankOrgId === undefined ? { bankName: v.bankName ?? '' } : { bankOrgId: v.bankOrgId }),
      });
      key.current = newIdempotencyKey();
      void message.success(`${T.filing.saved}（备案号 ${r.filing.id}）`);
      if (r.warnings.length) modal.warning({ title: T.filing.warnings, content: r.warnings.map((w) => <p key={w}>{w}</p>) });
      form.resetFields();
      setEnterprise(null);
      onClose();
    } catch (e) {
      // A refusal by the rule leaves nothing stored, so the next attempt may reuse the key.
      if (isApiError(e) && e.status === 422) setRefusal(e.message);
      showApiError(e, message, form, { amountFen: 'amount', feeRatePpm: 'fee', bankName: 'bankName', bankOrgId: 'bankOrgId' });
    }
  };

  return (
    <Modal
      open={open}
      title={T.filing.new}
      width={640}
      okText={T.common.submit}
      cancelText={T.common.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="gu-filing-modal"
    >
      <Alert type="info" showIcon title={T.filing.ruleHint} style={{ marginBottom: 12 }} />
      {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="gu-filing-refusal" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ termMonths: 12, counterGuarantee: false }}>
        <Form.Item name="uscc" label={T.filing.uscc} rules={[{ required: true, message: '请填写统一社会信用代码' }]}>
          <Input onBlur={() => void check()} maxLength={18} data-testid="gu-filing-uscc" />
        </Form.Item>
        {enterprise ? (
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }} data-testid="gu-filing-enterprise">
            <Descriptions.Item label={T.filing.enterprise}>{enterprise.name}</Descriptions.Item>
            <Descriptions.Item label={T.filing.region}>{enterprise.regionName}</Descriptions.Item>
            <Descriptions.Item label={T.filing.size}><Tag color={enterprise.smallMicro ? 'green' : 'orange'}>{enterprise.sizeLabel}</Tag></Descriptions.Item>
          </Descriptions>
        ) : null}
        <Form.Item name="bankOrgId" label={T.filing.bank} rules={[{ required: true, message: '请选择贷款银行' }]}>
          <Select
            data-testid="gu-filing-bank"
            options={[...(banks.data?.items ?? []).map((b) => ({ value: b.id as number | 'other', label: b.name })), { value: 'other', label: T.filing.bankOther }]}
          />
        </Form.Item>
        {bank === 'other' ? (
          <Form.Item name="bankName" label={T.filing.bankName} rules={[{ required: true, message: '请填写银行名称' }]}><Input maxLength={100} /></Form.Item>
        ) : null}
        <Form.Item name="contractNo" label={T.filing.contractNo} rules={[{ required: true, message: '请填写担保合同编号' }]}>
          <Input maxLength={60} data-testid="gu-filing-contract" />
        </Form.Item>
        <Form.Item name="amount" label={T.filing.amount} rules={[{ required: true, message: '请填写担保金额' }]}>
          <Input inputMode="decimal" suffix="万元" data-testid="gu-filing-amount" />
        </Form.Item>
        <Form.Item name="termMonths" label={T.filing.term} rules={[{ required: true, message: '请填写期限' }]}>
          <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="fee" label={T.filing.fee} rules={[{ required: true, message: '请填写年担保费率' }]}>
          <Input inputMode="decimal" suffix="%" data-testid="gu-filing-fee" />
        </Form.Item>
        <Form.Item name="counterGuarantee" label={T.filing.counter} valuePropName="checked"><Switch data-testid="gu-filing-counter" /></Form.Item>
        <Form.Item name="startOn" label={T.filing.startOn} rules={[{ required: true, message: '请选择担保起始日' }]}>
          <DatePicker style={{ width: '100%' }} data-testid="gu-filing-start" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
