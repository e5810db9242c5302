import { App, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { interestSubsidyNoticeFirstDay } from '@relief/domain';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { showApiError } from '../../../lib/form-errors';
import { formatDateZh, formatInstant, formatYuan } from '../../../lib/format';
import { answerObjection, isKey, type NoticeDetail, type NoticeView, type ObjectionView, payNotice, publishNotice, recordObjection, useNotice, useNotices, useObjections } from '../api/interest-subsidy.api';
import { T } from '../texts';
import { stateTag } from './ApplicationsPage';

/** 公示: the province publishes the reported applications for objection, then pays. */
export function NoticesPage({ canPublish }: { canPublish: boolean }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useNotices();
  const [open, setOpen] = useState(false);
  const key = useRef(`notice-${crypto.randomUUID()}`);
  const [form] = Form.useForm<{ title: string }>();
  const publish = async () => {
    const v = await form.validateFields();
    try {
      const n = await publishNotice({ idempotencyKey: key.current, title: v.title });
      key.current = `notice-${crypto.randomUUID()}`;
      setOpen(false);
      await qc.invalidateQueries({ queryKey: isKey });
      navigate(String(n.id));
    } catch (e) {
      showApiError(e, message);
    }
  };
  return (
    <PageContainer title={T.notice.title} testId="is-notices" extra={canPublish ? <Button type="primary" onClick={() => setOpen(true)} data-testid="is-publish">{T.notice.publish}</Button> : null}>
      <Card>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<NoticeView> rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} data-testid="is-notices-table" columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => <Link to={String(id)} data-testid={`is-notice-${id}`}>{id}</Link> },
          { title: T.notice.titleField, dataIndex: 'title' },
          { title: T.notice.period, render: (_: unknown, n) => noticePeriod(n) },
          { title: T.notice.count, dataIndex: 'applicationCount' },
          { title: T.notice.amount, dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
          { title: T.notice.open, dataIndex: 'openObjections', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
          { title: T.notice.paid, dataIndex: 'paidCount' },
        ]} />
      </Card>
      <Modal open={open} title={T.notice.publish} onCancel={() => setOpen(false)} onOk={() => void publish()} okButtonProps={{ id: 'is-publish-ok' }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ title: `2020年${T.notice.defaultTitle}` }}>
          <Form.Item name="title" label={T.notice.titleField} rules={[{ required: true, message: '请填写公示标题' }]}><Input /></Form.Item>
          <p>公示各市汇总表中经省工信厅、省财政厅接收的申请；公示期按政策参数计（7天，自次日起算），期满且异议均已答复后方可拨付。</p>
        </Form>
      </Modal>
    </PageContainer>
  );
}

/** The 公示期 as people read it: it runs from the day after publication (startsOn) through endsOn, its last day. */
function noticePeriod(n: { startsOn: string; endsOn: string }): string {
  return T.notice.periodText(formatDateZh(interestSubsidyNoticeFirstDay(n.startsOn)), formatDateZh(n.endsOn), formatDateZh(n.startsOn));
}

/** Why payment cannot be marked now: the server's refusal (its date, its rules), or nothing left to pay. */
function payRefusal(n: NoticeDetail): string | null {
  if (!n.items.some((a) => a.state === 'publicised')) return '本次公示中已没有待拨付的申请';
  return n.payRefusal;
}

/**
 * One 公示: its list, the objections and their answers (for the provincial reviewers), and for 省工信厅 the
 * objections received during the period and payment once it has ended.
 */
export function NoticeDetailPage({ canPublish, canReview }: { canPublish: boolean; canReview: boolean }) {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const n = useNotice(id);
  const objections = useObjections(id, canReview);
  const [recordOpen, setRecordOpen] = useState(false);
  const [answering, setAnswering] = useState<ObjectionView | null>(null);
  const [recordForm] = Form.useForm();
  const [answerForm] = Form.useForm();
  const refresh = () => qc.invalidateQueries({ queryKey: isKey });
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      await refresh();
      return true;
    } catch (e) {
      showApiError(e, message);
      return false;
    }
  };
  const notice = n.data;
  const refusal = notice ? payRefusal(notice) : null;
  return (
    <PageContainer title={notice?.title ?? T.notice.title} testId="is-notice-detail" extra={canPublish && notice ? (
      <>
        <Tooltip title={notice.objectionRefusal}>
          <Button onClick={() => setRecordOpen(true)} disabled={notice.objectionRefusal !== null} data-testid="is-record-objection">{T.notice.record}</Button>
        </Tooltip>
        <Tooltip title={refusal}>
          <Button type="primary" onClick={() => void run(() => payNotice(id))} disabled={refusal !== null} data-testid="is-pay">{T.notice.pay}</Button>
        </Tooltip>
      </>
    ) : null}>
      {n.error ? <QueryError error={n.error} onRetry={() => void n.refetch()} /> : null}
      {notice ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label={T.notice.period}><span data-testid="is-notice-period">{noticePeriod(notice)}</span></Descriptions.Item>
              <Descriptions.Item label={T.notice.count}>{notice.applicationCount}</Descriptions.Item>
              <Descriptions.Item label={T.notice.amount}>{formatYuan(notice.subsidyFen)}</Descriptions.Item>
              <Descriptions.Item label={T.notice.paid}><span data-testid="is-paid-count">{notice.paidCount}</span></Descriptions.Item>
            </Descriptions>
            <Table size="small" rowKey="id" pagination={false} dataSource={notice.items} style={{ marginTop: 12 }} data-testid="is-notice-items" columns={[
              { title: '编号', dataIndex: 'id', width: 70 },
              { title: T.app.enterprise, dataIndex: 'enterpriseName' },
              { title: T.app.uscc, dataIndex: 'uscc' },
              { title: T.app.subsidy, dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
              { title: T.app.state, dataIndex: 'stateLabel', render: (v: string, a) => stateTag(a.state, v) },
            ]} />
          </Card>
          {canReview ? (
            <Card title={T.notice.objections}>
              <Table<ObjectionView> size="small" rowKey="id" pagination={false} dataSource={objections.data?.items ?? []} data-testid="is-objections" columns={[
                { title: T.notice.application, dataIndex: 'enterpriseName' },
                { title: T.notice.objector, dataIndex: 'objector' },
                { title: T.notice.content, dataIndex: 'content' },
                { title: '收到时间', dataIndex: 'receivedAt', render: (v: string) => formatInstant(v) },
                { title: T.notice.answer, dataIndex: 'answer', render: (v: string | null, o) => (v ? <>{o.upheld ? <Tag color="red">成立</Tag> : <Tag>不成立</Tag>}{v}</> : canPublish ? <Button size="small" onClick={() => setAnswering(o)}>{T.notice.answer}</Button> : '待答复') },
              ]} />
            </Card>
          ) : null}
        </Space>
      ) : null}
      <Modal open={recordOpen} title={T.notice.record} onCancel={() => setRecordOpen(false)} destroyOnHidden onOk={() => void recordForm.validateFields().then(async (v) => {
        if (await run(() => recordObjection(id, v))) setRecordOpen(false);
      })}>
        <Form form={recordForm} layout="vertical">
          <Form.Item name="applicationId" label={T.notice.application} rules={[{ required: true, message: '请选择被异议的申请' }]}>
            <Select options={(notice?.items ?? []).map((a) => ({ value: a.id, label: `${a.id} ${a.enterpriseName}` }))} />
          </Form.Item>
          <Form.Item name="objector" label={T.notice.objector} rules={[{ required: true, message: '请填写异议人' }]}><Input /></Form.Item>
          <Form.Item name="contact" label={T.notice.contactField}><Input /></Form.Item>
          <Form.Item name="content" label={T.notice.content} rules={[{ required: true, message: '请填写异议内容' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={answering !== null} title={T.notice.answer} onCancel={() => setAnswering(null)} destroyOnHidden onOk={() => void answerForm.validateFields().then(async (v) => {
        if (answering && await run(() => answerObjection(answering.id, v))) setAnswering(null);
      })}>
        <Form form={answerForm} layout="vertical" initialValues={{ upheld: false }}>
          <Form.Item name="upheld"><Radio.Group options={[{ value: false, label: T.notice.notUpheld }, { value: true, label: T.notice.upheld }]} /></Form.Item>
          <Form.Item name="answer" label={T.notice.answerField} rules={[{ required: true, message: '请填写答复意见' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
