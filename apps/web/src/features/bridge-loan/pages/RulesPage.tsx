import { Card, Descriptions, List, Space, Steps, Tag, Typography } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { ppmToPercent } from '../../../lib/format';
import { useBridgeLoanRules } from '../api/bridge-loan.api';
import { LOAN_TYPE_LABELS, T } from '../texts';

const LEVEL: Record<string, string> = { province: '省级平台', city: '市级', county: '县级' };

const LEVEL_COLOR: Record<string, string> = { province: 'blue', city: 'cyan', county: 'default' };

/** The clause as published, its links written `<http://…>` in the source shown as links without the brackets. */
function clauseText(text: string) {
  return text.split(/<(https?:\/\/[^>\s]+)>/).map((part, i) => (i % 2 === 1 ? <a key={i} href={part} target="_blank" rel="noreferrer">{part}</a> : part));
}

/** The published rules and process of 应急转贷: clause, hotline, online entry, fee cap and basis, time limits, steps and operators. */
export function RulesPage() {
  const q = useBridgeLoanRules();
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  if (!r) return null;
  return (
    <PageContainer title={T.nav.rules} subTitle={r.clause} testId="bl-rules-page">
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="bl-rules-text">{clauseText(r.text)}</Typography.Paragraph>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'hotline', label: '业务受理咨询电话', children: <Typography.Text strong data-testid="bl-hotline">{r.hotline}</Typography.Text> },
          { key: 'url', label: '网上申请入口', children: <a href={r.onlineEntryUrl} target="_blank" rel="noreferrer">{r.onlineEntryUrl}</a> },
          { key: 'green', label: '绿色通道', children: `${r.greenChannelEnterpriseList}：当日受理办结（非工作日提交的按下一工作日）` },
          { key: 'normal', label: '一般申请办理时限', children: `每个环节 ${r.normalAcceptanceWorkingDays} 个工作日` },
          { key: 'cap', label: '疫情期间费率上限', children: `${ppmToPercent(r.epidemicFeeCapPpm)}以下（${r.feeBasisLabel}）${r.inEpidemicPeriod ? '，现处于疫情防控期间' : ''}` },
          { key: 'term', label: '单笔最长使用天数', children: `${r.maxTermDays} 天` },
          { key: 'types', label: '可转贷的贷款', children: r.eligibleLoanTypes.map((t) => LOAN_TYPE_LABELS[t] ?? t).join('、') },
          { key: 'commit', label: '续贷承诺', children: r.requiresRenewalCommitment ? '须银行出具续贷承诺，并在平台确认续贷' : '不要求' },
        ]} />
      </Card>
      <Card title="办事流程" style={{ marginBottom: 16 }}>
        <Steps orientation="vertical" items={r.steps.map((s) => ({ title: s.title, content: s.text, status: 'process' as const }))} data-testid="bl-steps-list" />
      </Card>
      <Card title="业务运营机构">
        <List size="small" dataSource={r.operators} renderItem={(o) => <List.Item><Space size={8}>{o.name}<Tag color={LEVEL_COLOR[o.level] ?? 'default'}>{LEVEL[o.level] ?? o.level}</Tag></Space></List.Item>} data-testid="bl-operators" />
      </Card>
    </PageContainer>
  );
}
