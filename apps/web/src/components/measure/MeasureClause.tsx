import { useQuery } from '@tanstack/react-query';
import { Collapse, Descriptions, Typography } from 'antd';
import { api } from '../../lib/api';

interface MeasurePolicy {
  ordinal?: string;
  title: string;
  text: string;
  contacts: { name: string; organisation: string | null; phone: string }[];
  policyNumber?: string;
}

/**
 * The clause of the policy a measure carries out, with its contacts, folded at the top of every
 * measure page: people check the text and call the named official (LESSONS.md: policies posted
 * without their source are where users got lost).
 */
export function MeasureClause({ kind, defaultOpen = false }: { kind: string; defaultOpen?: boolean }) {
  const q = useQuery({
    queryKey: ['policy', 'measures', kind],
    queryFn: () => api.get<MeasurePolicy>(`/api/policy/measures/${encodeURIComponent(kind)}`),
    retry: false,
    staleTime: 30 * 60 * 1000,
  });
  if (!q.data) return null;
  const p = q.data;
  return (
    <Collapse
      data-testid={`measure-clause-${kind}`}
      defaultActiveKey={defaultOpen ? ['clause'] : []}
      items={[{
        key: 'clause',
        label: `${p.policyNumber ?? ''} 第${p.ordinal ?? ''}条 ${p.title}${p.contacts.length ? ` · 联系人：${p.contacts.map((c) => `${c.name} ${c.phone}`).join('；')}` : ''}`,
        children: (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.text}</Typography.Paragraph>
            <Descriptions size="small" column={1} items={p.contacts.map((c) => ({
              key: `${c.name}-${c.phone}`, label: c.name, children: <span>{c.organisation ?? ''} <a href={`tel:${c.phone}`}>{c.phone}</a></span>,
            }))} />
          </>
        ),
      }]}
    />
  );
}
