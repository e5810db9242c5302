import { Col, Row, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n-context';
import type { AuditRow } from '../api/audit.api';

/** Pretty-prints a before/after value, which may arrive as an object or as JSON text. */
function pretty(value: unknown, nothing: string): string {
  if (value === null || value === undefined || value === '') return nothing;
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

const preStyle = { margin: 0, padding: 12, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, maxHeight: 360, overflow: 'auto', fontSize: 12 } as const;

/** The before and after of one audit entry side by side, with the entry's chain hash. */
export function AuditDiff({ row }: { row: AuditRow }) {
  const { t } = useI18n();
  return (
    <div data-testid={`audit-diff-${row.seq}`}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <pre style={preStyle}>{pretty(row.before, t('audit.nothing'))}</pre>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <pre style={preStyle}>{pretty(row.after, t('audit.nothing'))}</pre>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('audit.chainPlace', { chain: row.chain, position: row.chainPosition })}{'，'}{t('audit.hash')}：<Typography.Text code copyable>{row.hash}</Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}
