import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { showApiError } from '../../../lib/form-errors';
import { percentToPpm, yuanToFen } from '../../../lib/format';
import { registerLoan } from '../api/risk-compensation.api';
import { T } from '../texts';

interface Values {
  contractNo: string; borrowerUscc: string; amount: string; startOn: Dayjs; maturityOn: Dayjs; rate: string; loanType: string; nonPerformingOn: Dayjs; npPrincipal: string;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The form of one loan; the server answers with its eligibility and the reasons. */
export function LoanFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const loan = await registerLoan({
        contractNo: v.contractNo, borrowerUscc: v.borrowerUscc.trim(), amountFen: yuanToFen(v.amount), startOn: day(v.startOn), maturityOn: day(v.maturityOn),
        annualRatePpm: percentToPpm(v.rate), loanType: v.loanType, nonPerformingOn: day(v.nonPerformingOn), nonPerformingPrincipalFen: yuanToFen(v.npPrincipal),
      });
      if (loan.eligible) void message.success(T.loan.registered);
      else void message.warning(`已登记，但不符合补偿条件：${loan.eligibilityReasons.join('；')}`, 8);
      form.resetFields();
      onSaved();
    } catch (e) {
      showApiError(e, message, form, { amountFen: 'amount', nonPerformingPrincipalFen: 'npPrincipal', annualRatePpm: 'rate' });
    }
  };
  const money = [{ required: true, message: '请填写金额' }, { validator: (_: unknown, v: string) => (!v || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error('金额以元为单位，最多两位小数'))) }];
  return (
    <Modal title={T.loan.add} open={open} onCancel={onClose} onOk={() => void onOk()} okText="登记" destroyOnHidden width={640} data-testid="rc-loan-modal">
      <Form<Values> form={form} layout="vertical" initialValues={{ loanType: 'working_capital' }}>
        <Form.Item name="contractNo" label={T.loan.contractNo} rules={[{ required: true, message: '请填写合同编号' }]}><Input data-testid="rc-loan-contract" /></Form.Item>
        <Form.Item name="borrowerUscc" label={`${T.loan.borrower}${T.loan.uscc}`} rules={[{ required: true, len: 18, message: '统一社会信用代码应为 18 位' }]}><Input data-testid="rc-loan-uscc" /></Form.Item>
        <Form.Item name="amount" label={T.loan.amount} rules={money}><Input data-testid="rc-loan-amount" /></Form.Item>
        <Form.Item name="startOn" label={T.loan.startOn} rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="maturityOn" label={T.loan.maturityOn} rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="rate" label={T.loan.rate} rules={[{ required: true, message: '请填写年利率，如 4.35' }]}><Input suffix="%" /></Form.Item>
        <Form.Item name="loanType" label={T.loan.type} rules={[{ required: true }]}>
          <Select options={Object.entries(T.loanTypes).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="nonPerformingOn" label={T.loan.npOn} rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="npPrincipal" label={T.loan.npPrincipal} rules={money}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
