import { App, Card, Typography } from 'antd';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { PageContainer } from '../../../components/PageContainer';
import { applySubsidy, isKey } from '../api/interest-subsidy.api';
import { ApplicationForm } from '../components/ApplicationForm';
import { T } from '../texts';

/** 申请贴息: the enterprise's form; one idempotency key per form, so a double click files once. */
export function ApplyPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const key = useRef(`is-${crypto.randomUUID()}`);
  return (
    <PageContainer title={T.apply.title} testId="is-apply">
      <Card>
        <Typography.Paragraph>{T.apply.intro}</Typography.Paragraph>
        <ApplicationForm submitLabel={T.apply.submit} onSubmit={async (f) => {
          const a = await applySubsidy({ ...f, idempotencyKey: key.current });
          void message.success(T.apply.submitted);
          await qc.invalidateQueries({ queryKey: isKey });
          navigate(`../applications/${a.id}`);
        }} />
      </Card>
    </PageContainer>
  );
}
