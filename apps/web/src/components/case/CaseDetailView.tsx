import type { CaseDetail } from '@relief/domain';
import { Alert, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n-context';
import { CaseActions } from './CaseActions';
import { CaseTimeline } from './CaseTimeline';
import type { CaseOnMeasurePage } from './case-actions';
import { caseDataItems } from './case-data';
import { DeadlineBadge } from './DeadlineBadge';
import { useMeasureTitle } from './measure-title';

export interface CaseDetailViewProps {
  /** The case; a measure's own page passes it through withoutMeasureSteps, its own steps then named in the 办理 card. */
  detail: CaseOnMeasurePage;
  /** A measure's own rendering of the case data (null: no data card, the page shows it elsewhere); the default lists it labelled and formatted (case-data.ts). */
  renderData?: (data: CaseDetail['data'], detail: CaseDetail) => ReactNode;
  /** Called with the case as the server answered after an action. */
  onChanged: (next: CaseDetail) => void;
  /** Called when the case must be reloaded (someone else acted first). */
  onStale: () => void;
  /** A measure's own sections (documents, amounts, related records), shown after the data. */
  extra?: ReactNode;
}

/** A raw value for the generic data list: text as is, objects as indented JSON. */
function renderValue(v: unknown, yes: string, no: string): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(v, null, 2)}</pre>;
}

/**
 * Who holds the case now: one organisation, or several holding it jointly (工信 with 财政), each
 * marked once it has signed.
 */
function holderText(c: CaseDetail): string {
  if (c.jointHolders.length > 1) return c.jointHolders.map((j) => (j.signedAt ? `${j.name} ✓` : j.name)).join('、');
  return c.holderName ?? '—';
}

/** One case: who holds it and until when, its data, its timeline and what the viewer may do now. */
export function CaseDetailView({ detail, renderData, onChanged, onStale, extra }: CaseDetailViewProps) {
  const { t, locale } = useI18n();
  const measureTitle = useMeasureTitle();
  const entries = Object.entries(detail.data);
  const closed = detail.closedAt !== null;
  const rendered = renderData ? renderData(detail.data, detail) : undefined;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="case-detail">
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <div style={{ minWidth: 0 }}>
            <Space size={8} wrap align="center">
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
                {detail.title || `#${detail.id}`}
              </Typography.Title>
              <Tag color={closed ? 'default' : 'blue'} data-testid="case-state">
                {detail.stateLabel || detail.state}
              </Tag>
              {detail.escalated ? (
                <Tag color="red" data-testid="case-escalated">
                  {t('case.escalated')}
                </Tag>
              ) : null}
              {detail.supervising ? <Tag color="volcano">{t('case.supervising')}</Tag> : null}
              {detail.priority > 0 ? <Tag color="green">{t('case.priority')}</Tag> : null}
              {detail.held ? (
                <Tag color="orange" data-testid="case-held-tag">
                  {t('case.held')}
                </Tag>
              ) : null}
            </Space>
            <div style={{ marginTop: 8 }}>
              <Space size={16} wrap>
                <Typography.Text type="secondary">{t('case.number', { id: detail.id })}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('case.measure')}：{measureTitle(detail.measure)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('case.owner')}：{detail.ownerName || '—'}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('case.createdAt')}：{formatInstant(detail.createdAt, locale)}
                </Typography.Text>
              </Space>
            </div>
          </div>
          <Space orientation="vertical" align="end" size={4}>
            {closed ? (
              <Typography.Text type="secondary" data-testid="case-closed">
                {t('case.closedAt', { time: formatInstant(detail.closedAt, locale) })}
              </Typography.Text>
            ) : (
              <>
                <Typography.Text data-testid="case-holder">{t('case.holder', { name: holderText(detail) })}</Typography.Text>
                <DeadlineBadge deadline={detail.deadline} testId="case-deadline" />
              </>
            )}
          </Space>
        </Flex>
      </Card>

      {detail.held ? (
        <Alert
          type="warning"
          showIcon
          title={t('case.heldBanner')}
          description={detail.holdReason ? t('case.heldReason', { reason: detail.holdReason }) : undefined}
          data-testid="case-held-banner"
        />
      ) : null}

      {renderData && (rendered === null || rendered === undefined) ? null : (
        <Card title={t('case.data')}>
          {renderData ? (
            rendered
          ) : entries.length === 0 ? (
            <Empty description={t('case.noData')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Descriptions
              column={{ xs: 1, md: 2 }}
              bordered
              size="small"
              items={caseDataItems(detail, locale, { yes: t('common.yes'), no: t('common.no') }).map((item) => ({
                key: item.key,
                label: item.label,
                children: item.text ?? renderValue(detail.data[item.key], t('common.yes'), t('common.no')),
              }))}
              data-testid="case-data"
            />
          )}
        </Card>
      )}

      {extra}

      <Card title={t('case.actions')}>
        <CaseActions detail={detail} onChanged={onChanged} onStale={onStale} />
      </Card>

      <Card title={t('case.timeline')}>
        <CaseTimeline events={detail.events} />
      </Card>
    </Space>
  );
}
