import type { BridgeLoanConsultationView } from '@relief/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { showApiError } from '../../../lib/form-errors';
import { formatInstant } from '../../../lib/format';
import { answerConsultation, BL_KEY, cleanQuery, recordConsultation, useConsultations } from '../api/bridge-loan.api';
import { T } from '../texts';

/** The consultation log: enterprises ask online, operators record hotline calls and answer; filters, pages, export. */
export function ConsultationsPage({ mode }: { mode: 'enterprise' | 'operator' | 'reader' }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<{ channel?: string; answered?: string; q?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = cleanQuery({ ...filters, ...page });
  const list = useConsultations(query);
  const [form] = Form.useForm();
  const [answerForm] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<BridgeLoanConsultationView | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: [...BL_KEY, 'consultations'] });

  const add = async () => {
    const v = await form.validateFields();
    try {
      await recordConsultation(mode === 'operator' ? { channel: 'phone', ...v } : { question: v.question });
      setAdding(false);
      form.resetFields();
      refresh();
    } catch (e) {
      showApiError(e, message, form);
    }
  };
  const answer = async () => {
    if (!answering) return;
    const v = await answerForm.validateFields();
    try {
      await answerConsultation(answering.id, { answer: v.answer, version: answering.version });
      setAnswering(null);
      refresh();
    } catch (e) {
      showApiError(e, message, answerForm);
    }
  };
  const columns: TableColumnsType<BridgeLoanConsultationView> = [
    { title: T.consult.channel, dataIndex: 'channel', width: 70, render: (c: string) => <Tag>{c === 'phone' ? T.consult.phone : T.consult.online}</Tag> },
    { title: T.consult.asker, dataIndex: 'askerName', width: 140, render: (n: string, r) => `${n}${r.enterpriseName ? `（${r.enterpriseName}）` : ''}` },
    { title: T.consult.question, dataIndex: 'question' },
    { title: T.consult.answer, dataIndex: 'answer', render: (a: string | null) => a ?? <Tag color="orange">{T.consult.unanswered}</Tag> },
    { title: '答复机构', dataIndex: 'operatorName', width: 180, ellipsis: true },
    { title: '登记时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatInstant(v) },
    ...(mode === 'operator' ? [{
      title: '', key: 'op', width: 80,
      render: (_: unknown, r: BridgeLoanConsultationView) => (r.answer ? null : <Button size="small" onClick={() => { answerForm.resetFields(); setAnswering(r); }} data-testid={`bl-answer-${r.id}`}>{T.consult.answerAction}</Button>),
    }] : []),
  ];
  return (
    <PageContainer title={`${T.title}${T.nav.consultations}`} subTitle="业务受理咨询电话 400-651-0531" testId="bl-consultations-page"
      extra={<>
        {mode !== 'reader' ? <Button type="primary" onClick={() => setAdding(true)} data-testid="bl-consult-add">{mode === 'operator' ? T.consult.record : T.consult.ask}</Button> : null}
        <ExportButton path="/api/bridge-loans/consultations/export" query={query} fallbackName="应急转贷咨询登记.xlsx" />
      </>}>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" onValuesChange={(_, all) => { setFilters(all as typeof filters); setPage((p) => ({ ...p, page: 1 })); }}>
          <Form.Item name="channel" label={T.consult.channel}>
            <Select allowClear placeholder={T.all} style={{ width: 100 }} options={[{ value: 'phone', label: T.consult.phone }, { value: 'online', label: T.consult.online }]} />
          </Form.Item>
          <Form.Item name="answered" label="答复">
            <Select allowClear placeholder={T.all} style={{ width: 110 }} options={[{ value: 'true', label: '已答复' }, { value: 'false', label: T.consult.unanswered }]} />
          </Form.Item>
          <Form.Item name="q"><Input.Search allowClear placeholder="问题或咨询人" /></Form.Item>
        </Form>
      </Card>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<BridgeLoanConsultationView> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching}
          pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
      )}
      <Modal open={adding} title={mode === 'operator' ? T.consult.record : T.consult.ask} onOk={() => void add()} onCancel={() => setAdding(false)} okText="提交" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          {mode === 'operator' ? (
            <>
              <Form.Item name="askerName" label="来电人" rules={[{ required: true, message: '请填写来电人' }]}><Input /></Form.Item>
              <Form.Item name="askerPhone" label="来电号码"><Input /></Form.Item>
            </>
          ) : null}
          <Form.Item name="question" label={T.consult.question} rules={[{ required: true, message: '请填写问题' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          {mode === 'operator' ? <Form.Item name="answer" label={`${T.consult.answer}（当场答复的填写）`}><Input.TextArea rows={3} maxLength={2000} /></Form.Item> : null}
        </Form>
      </Modal>
      <Modal open={answering !== null} title={`答复：${answering?.question ?? ''}`} onOk={() => void answer()} onCancel={() => setAnswering(null)} okText="答复" cancelText="取消" destroyOnHidden>
        <Form form={answerForm} layout="vertical">
          <Form.Item name="answer" label={T.consult.answer} rules={[{ required: true, whitespace: true, message: '请填写答复' }]}><Input.TextArea rows={4} maxLength={2000} data-testid="bl-answer-text" /></Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
