import type { BridgeLoanDetail } from '@relief/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, List, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { CaseTimeline } from '../../../components/case/CaseTimeline';
import { DeadlineBadge } from '../../../components/case/DeadlineBadge';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { showApiError } from '../../../lib/form-errors';
import { formatDate, formatInstant, formatYuan, ppmToPercent } from '../../../lib/format';
import { BL_KEY, actOnBridgeLoan, uploadCommitment, useBridgeLoan } from '../api/bridge-loan.api';
import { ActionPanel } from '../components/ActionPanel';
import { DueCountdown } from '../../../components/case/DueCountdown';
import { LOAN_TYPE_LABELS, T } from '../texts';
import { ApplyPage } from './ApplyPage';

/** One application: status, holder and deadline (green countdown), the data of each step, the renewal commitment, the actions and the timeline. */
export function DetailPage({ edit = false }: { edit?: boolean }) {
  const id = Number(useParams().caseId);
  const q = useBridgeLoan(id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return null;
  if (edit && d.canEdit) return <ApplyPage existing={d} />;
  const l = d.loan;
  const c = d.case;
  const changed = (next: BridgeLoanDetail) => {
    qc.setQueryData([...BL_KEY, 'detail', id], next);
    void qc.invalidateQueries({ queryKey: [...BL_KEY, 'list'] });
  };
  const reload = () => void q.refetch();
  const canUpload = d.canEdit;
  const onUpload = async (file: File) => {
    try {
      await uploadCommitment(id, file);
      void message.success('续贷承诺书已上传');
      reload();
    } catch (e) {
      showApiError(e, message);
    }
    return false;
  };
  const submitNow = async () => {
    try {
      changed(await actOnBridgeLoan(id, 'submit', { version: c.version }));
      void message.success('申请已提交');
    } catch (e) {
      showApiError(e, message);
      reload();
    }
  };
  return (
    <PageContainer title={`${T.title} #${l.caseId}`} subTitle={l.enterpriseName} testId="bl-detail-page"
      extra={d.canEdit ? <Link to={`/measures/bridge-loan/cases/${id}/edit`} data-testid="bl-edit">修改申请</Link> : null}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Flex justify="space-between" wrap gap={12}>
            <Space wrap>
              <Tag color={c.closedAt ? 'default' : 'blue'} data-testid="bl-state">{l.stateLabel}</Tag>
              {l.greenChannel ? <Tag color="green" data-testid="bl-green">{T.greenTag}</Tag> : null}
              {l.repaymentOverdue ? <Tag color="red">{T.overdueTag}</Tag> : null}
              {l.greenListName ? <Typography.Text type="secondary">{T.field.greenList}：{l.greenListName}</Typography.Text> : null}
            </Space>
            {c.closedAt ? <Typography.Text type="secondary">办结于 {formatInstant(c.closedAt)}</Typography.Text> : (
              <Space wrap>
                <Typography.Text data-testid="bl-holder">当前办理：{c.holderName ?? '—'}</Typography.Text>
                <DeadlineBadge deadline={c.deadline} testId="bl-deadline" />
                {l.greenChannel && c.deadline ? <DueCountdown dueAt={c.deadline.dueAt} testId="bl-countdown" /> : null}
              </Space>
            )}
          </Flex>
          {l.greenChannel ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={T.greenHint} /> : null}
        </Card>
        <Card title="申请信息">
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="bl-data" items={[
            { key: 'e', label: T.field.enterprise, children: `${l.enterpriseName}（${l.uscc}）` },
            { key: 'op', label: T.field.operator, children: l.operatorName ?? '提交后按所在地分送' },
            { key: 'bank', label: T.field.bank, children: l.bankName ?? '—' },
            { key: 'contract', label: T.field.contract, children: l.loanContractNo ?? '—' },
            { key: 'type', label: T.field.loanType, children: l.loanType ? LOAN_TYPE_LABELS[l.loanType] ?? l.loanType : '—' },
            { key: 'la', label: T.field.loanAmount, children: formatYuan(l.loanAmountFen) },
            { key: 'mat', label: T.field.maturity, children: formatDate(l.loanMaturityOn) },
            { key: 'ba', label: T.field.bridgeAmount, children: formatYuan(l.bridgeAmountFen) },
            { key: 'days', label: T.field.days, children: l.bridgeDays ?? '—' },
            { key: 'contact', label: T.field.contact, children: `${l.contactName ?? '—'} ${l.contactPhone ?? ''}` },
            { key: 'sub', label: T.field.submittedAt, children: formatInstant(l.submittedAt) },
            { key: 'remark', label: T.field.remark, children: l.remark ?? '—' },
          ]} />
        </Card>
        <Card title="办理信息">
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="bl-steps" items={[
            { key: 'rate', label: T.field.feeRate, children: l.feeRatePpm === null ? '—' : `${ppmToPercent(l.feeRatePpm)}（${l.feeBasis === 'per_day' ? '按日' : '按笔'}）` },
            { key: 'fee', label: T.field.fee, children: formatYuan(l.feeFen) },
            { key: 'ra', label: T.field.renewalAmount, children: formatYuan(l.renewalAmountFen) },
            { key: 're', label: T.field.renewalExpectedOn, children: formatDate(l.renewalExpectedOn) },
            { key: 'do', label: T.field.disbursedOn, children: formatDate(l.disbursedOn) },
            { key: 'da', label: T.field.disbursedAmount, children: formatYuan(l.disbursedFen) },
            { key: 'due', label: T.field.repaymentDueOn, children: formatDate(l.repaymentDueOn) },
            { key: 'ro', label: T.field.repaidOn, children: formatDate(l.repaidOn) },
          ]} />
        </Card>
        <Card title={T.field.commitment}>
          <List size="small" dataSource={d.files} locale={{ emptyText: '尚未上传' }} data-testid="bl-files"
            renderItem={(f) => <List.Item><a href={`/api/bridge-loans/${id}/files/${f.id}`}>{f.fileName}</a><Typography.Text type="secondary">{formatInstant(f.uploadedAt)}</Typography.Text></List.Item>} />
          {canUpload ? (
            <Space style={{ marginTop: 12 }} wrap>
              <Upload accept=".pdf,.jpg,.jpeg,.png" showUploadList={false} beforeUpload={(file) => { void onUpload(file); return false; }}>
                <Button icon={<UploadOutlined />} data-testid="bl-upload">{T.upload}</Button>
              </Upload>
              <Typography.Text type="secondary">{T.uploadHint}</Typography.Text>
            </Space>
          ) : null}
        </Card>
        <Card title="办理">
          <Space wrap>
            {d.canEdit && d.actions.some((a) => a.key === 'submit') ? (
              <Button type="primary" onClick={() => void submitNow()} data-testid="bl-submit">{T.submit}</Button>
            ) : null}
            <ActionPanel detail={{ ...d, actions: d.actions.filter((a) => !(d.canEdit && a.key === 'submit')) }} onChanged={changed} onStale={reload} />
          </Space>
        </Card>
        <Card title="办理过程">
          <CaseTimeline events={c.events} />
        </Card>
      </Space>
    </PageContainer>
  );
}
