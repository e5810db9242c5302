import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { showApiError } from '../../../lib/form-errors';
import { fenToYuanInput, formatYuan, percentToPpm, ppmToPercent, yuanToFen } from '../../../lib/format';
import { type ApplicationDetail, type ContractInput, type PreviewView, previewSubsidy } from '../api/interest-subsidy.api';
import { T } from '../texts';

interface ContractFields {
  bankName: string;
  contractNo: string;
  effectiveOn: Dayjs;
  drawdownOn: Dayjs;
  maturityOn: Dayjs;
  principal: string;
  rate: string;
  paid?: string;
}

export interface ApplicationFields {
  contactName: string;
  contactPhone: string;
  contracts: ContractInput[];
}

const EMPTY: Partial<ContractFields> = { bankName: '', contractNo: '', principal: '', rate: '', paid: '' };

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Typed fields → the API's integers (fen, ppm); null names the first field that is not a number. */
function toContracts(rows: ContractFields[]): { contracts: ContractInput[] } | { error: string } {
  const out: ContractInput[] = [];
  for (const [i, r] of rows.entries()) {
    const principalFen = yuanToFen(r.principal ?? '');
    if (principalFen === null) return { error: `第 ${i + 1} 份合同：贷款金额应为元，最多两位小数` };
    const annualRatePpm = percentToPpm(r.rate ?? '');
    if (annualRatePpm === null) return { error: `第 ${i + 1} 份合同：年利率应为百分数，如 3.15` };
    const paid = r.paid?.trim() ? yuanToFen(r.paid) : null;
    if (r.paid?.trim() && paid === null) return { error: `第 ${i + 1} 份合同：已付利息应为元，最多两位小数` };
    out.push({ bankName: r.bankName, contractNo: r.contractNo, effectiveOn: day(r.effectiveOn), drawdownOn: day(r.drawdownOn), maturityOn: day(r.maturityOn), principalFen, annualRatePpm, interestPaidFen: paid });
  }
  return { contracts: out };
}

const submittable = (p: PreviewView) => p.onPriorityList && p.items.every((i) => i.eligible);

/** The application form: contacts and loan contracts, the subsidy shown before submitting. */
export function ApplicationForm({ initial, submitLabel, onSubmit }: { initial?: ApplicationDetail; submitLabel: string; onSubmit: (f: ApplicationFields) => Promise<void> }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [busy, setBusy] = useState(false);
  const initialValues = initial
    ? {
      contactName: initial.contactName, contactPhone: initial.contactPhone,
      contracts: initial.contracts.map((c) => ({ ...c, effectiveOn: dayjs(c.effectiveOn), drawdownOn: dayjs(c.drawdownOn), maturityOn: dayjs(c.maturityOn), principal: fenToYuanInput(c.principalFen), rate: ppmToPercent(c.annualRatePpm).replace('%', ''), paid: fenToYuanInput(c.interestPaidFen) })),
    }
    : { contracts: [EMPTY] };

  const read = async () => {
    const v = (await form.validateFields()) as { contactName: string; contactPhone: string; contracts: ContractFields[] };
    const r = toContracts(v.contracts);
    if ('error' in r) {
      void message.error(r.error);
      return null;
    }
    return { contactName: v.contactName, contactPhone: v.contactPhone, contracts: r.contracts };
  };
  const runPreview = async (contracts: ContractInput[]) => {
    setBusy(true);
    try {
      const p = await previewSubsidy(contracts);
      setPreview(p);
      return p;
    } catch (e) {
      showApiError(e, message);
      return null;
    } finally {
      setBusy(false);
    }
  };
  const doPreview = async () => {
    const v = await read().catch(() => null);
    if (v) await runPreview(v.contracts);
  };
  const send = async (v: ApplicationFields) => {
    setBusy(true);
    try {
      await onSubmit(v);
    } catch (e) {
      showApiError(e, message);
    } finally {
      setBusy(false);
    }
  };
  /** Submitting without a current 试算 runs it first: the firm sees the subsidy and confirms it, or sees why it cannot submit. */
  const doSubmit = async () => {
    const v = await read().catch(() => null);
    if (!v) return;
    if (preview) return send(v);
    const p = await runPreview(v.contracts);
    if (!p || !submittable(p)) return;
    modal.confirm({
      title: submitLabel,
      content: T.apply.confirm(formatYuan(p.totalFen)),
      okText: submitLabel,
      onOk: () => send(v),
    });
  };
  const blocked = preview !== null && !submittable(preview);

  return (
    <Form form={form} layout="vertical" initialValues={initialValues} onValuesChange={() => setPreview(null)} data-testid="is-apply-form">
      <Row gutter={16}>
        <Col xs={24} md={8}><Form.Item name="contactName" label={T.app.contact} rules={[{ required: true, message: '请填写联系人' }]}><Input data-testid="is-contact-name" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="contactPhone" label={T.app.phone} rules={[{ required: true, message: '请填写联系电话' }]}><Input data-testid="is-contact-phone" /></Form.Item></Col>
      </Row>
      <Form.List name="contracts">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" title={`贷款合同 ${i + 1}`} extra={fields.length > 1 ? <Button type="link" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>{T.contract.remove}</Button> : null}>
                <Row gutter={12}>
                  <Col xs={24} md={8}><Form.Item name={[f.name, 'bankName']} label={T.contract.bank} rules={[{ required: true, message: '请填写贷款银行' }]}><Input data-testid={`is-c${i}-bank`} /></Form.Item></Col>
                  <Col xs={24} md={8}><Form.Item name={[f.name, 'contractNo']} label={T.contract.no} rules={[{ required: true, message: '请填写合同编号' }]}><Input data-testid={`is-c${i}-no`} /></Form.Item></Col>
                  <Col xs={12} md={4}><Form.Item name={[f.name, 'principal']} label={T.contract.principal} rules={[{ required: true, message: '请填写贷款金额' }]}><Input inputMode="decimal" data-testid={`is-c${i}-principal`} /></Form.Item></Col>
                  <Col xs={12} md={4}><Form.Item name={[f.name, 'rate']} label={T.contract.rate} rules={[{ required: true, message: '请填写年利率' }]}><Input inputMode="decimal" suffix="%" data-testid={`is-c${i}-rate`} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={[f.name, 'effectiveOn']} label={T.contract.effectiveOn} rules={[{ required: true, message: '请选择合同生效日' }]}><DatePicker style={{ width: '100%' }} data-testid={`is-c${i}-effective`} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={[f.name, 'drawdownOn']} label={T.contract.drawdownOn} rules={[{ required: true, message: '请选择放款日' }]}><DatePicker style={{ width: '100%' }} data-testid={`is-c${i}-drawdown`} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={[f.name, 'maturityOn']} label={T.contract.maturityOn} rules={[{ required: true, message: '请选择到期日' }]}><DatePicker style={{ width: '100%' }} data-testid={`is-c${i}-maturity`} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={[f.name, 'paid']} label={T.contract.paid}><Input inputMode="decimal" data-testid={`is-c${i}-paid`} /></Form.Item></Col>
                </Row>
              </Card>
            ))}
            {fields.length < 20 ? <Button icon={<PlusOutlined />} onClick={() => add(EMPTY)} data-testid="is-add-contract">{T.contract.add}</Button> : null}
          </Space>
        )}
      </Form.List>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{T.apply.rule}</Typography.Paragraph>
      {preview ? (
        <Card size="small" title={`${T.apply.total}：${formatYuan(preview.totalFen)} 元`} style={{ marginBottom: 16 }} data-testid="is-preview">
          {!preview.onPriorityList ? <Alert type="error" showIcon title={T.apply.notOnList} style={{ marginBottom: 12 }} /> : null}
          <Table size="small" rowKey="index" pagination={false} dataSource={preview.items} columns={[
            { title: '合同', dataIndex: 'index', render: (i: number) => `第 ${i + 1} 份` },
            { title: T.contract.days, render: (_: unknown, r) => r.amount ? `${r.amount.subsidyDays} 天（放款至到期 ${r.amount.daysOutstanding} 天）` : '—' },
            { title: '贴息利率', render: (_: unknown, r) => r.amount ? ppmToPercent(r.amount.subsidyRatePpm) : '—' },
            { title: T.contract.subsidy, render: (_: unknown, r) => r.amount ? <span data-testid={`is-preview-amount-${r.index}`}>{formatYuan(r.amount.amountFen)}</span> : '—' },
            { title: '核对结果', render: (_: unknown, r) => (r.eligible ? <Typography.Text type="success">{T.apply.eligible}</Typography.Text> : <Typography.Text type="danger">{r.reason}</Typography.Text>) },
          ]} />
        </Card>
      ) : null}
      <Space>
        <Button onClick={() => void doPreview()} loading={busy} data-testid="is-preview-button">{T.apply.preview}</Button>
        <Button type="primary" onClick={() => void doSubmit()} loading={busy} disabled={blocked} data-testid="is-submit">{submitLabel}</Button>
        <Typography.Text type={blocked ? 'danger' : 'secondary'} data-testid="is-submit-hint">{blocked ? T.apply.blocked : preview ? T.apply.checked : T.apply.hint}</Typography.Text>
      </Space>
    </Form>
  );
}
