import { App, Badge, Button, Card, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { showApiError } from '../../../lib/form-errors';
import { formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { useMarkRead, useNotifications, type NotificationView } from '../api/notifications.api';
import { notificationTarget } from '../api/polling';
import { serverPagination } from '../../../lib/pagination';

type Filter = 'all' | 'unread';

/** /notifications — every message of mine, newest first, with read state and a link to its case. */
export function NotificationsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useNotifications(filter === 'unread', page, pageSize);
  const { markRead, markAllRead } = useMarkRead();

  const columns: TableColumnsType<NotificationView> = [
    {
      title: t('notif.status'),
      dataIndex: 'readAt',
      width: 90,
      render: (readAt: string | null) =>
        readAt ? <Badge status="default" text={t('notif.read')} /> : <Badge status="processing" text={t('notif.unread')} data-testid="notification-unread-dot" />,
    },
    { title: t('notif.time'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatInstant(v, locale) },
    {
      title: t('notif.content'),
      key: 'content',
      render: (_: unknown, n) => (
        <div>
          <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {n.body}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, n) => {
        const target = notificationTarget(n);
        return (
          <Space size={4}>
            {target ? (
              <Link to={target} onClick={() => (n.readAt ? undefined : void markRead(n.id).catch(() => undefined))} data-testid="notification-open">
                {t('notif.viewCase')}
              </Link>
            ) : null}
            {n.readAt ? null : (
              <Button type="link" size="small" onClick={() => void markRead(n.id).catch((e: unknown) => showApiError(e, message))} data-testid="notification-mark-read">
                {t('notif.markRead')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <PageContainer
      title={t('notif.title')}
      subTitle={list.data ? t('notif.unreadCount', { n: list.data.unread }) : undefined}
      extra={
        <Button
          disabled={!list.data || list.data.unread === 0}
          onClick={() => {
            markAllRead()
              .then(() => void message.success(t('notif.readAllDone')))
              .catch((e: unknown) => showApiError(e, message));
          }}
          data-testid="notifications-page-read-all"
        >
          {t('notif.readAll')}
        </Button>
      }
      testId="notifications-page"
    >
      <Card>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: t('notif.unread') },
          ]}
          style={{ marginBottom: 16 }}
          data-testid="notifications-filter"
        />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<NotificationView>
            rowKey={(n) => String(n.id)}
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: t('notif.empty') }}
            pagination={serverPagination({ page, pageSize, total: list.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
            scroll={{ x: 'max-content' }}
            data-testid="notifications-table"
          />
        )}
      </Card>
    </PageContainer>
  );
}
