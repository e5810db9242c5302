import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { showApiError } from '../../../lib/form-errors';
import { formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { useMarkRead, useUnreadPeek, type NotificationView } from '../api/notifications.api';
import { notificationTarget } from '../api/polling';

/** The header's bell: unread count, the latest unread messages, "全部标为已读" and a link to all. */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const peek = useUnreadPeek();
  const { markRead, markAllRead } = useMarkRead();
  const unread = peek.data?.unread ?? 0;
  const items = peek.data?.items ?? [];

  const openItem = async (n: NotificationView) => {
    setOpen(false);
    try {
      await markRead(n.id);
    } catch (e) {
      showApiError(e, message);
    }
    const target = notificationTarget(n);
    if (target) void navigate(target);
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notifications-dropdown">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notif.latest')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          onClick={() => {
            markAllRead()
              .then(() => void message.success(t('notif.readAllDone')))
              .catch((e: unknown) => showApiError(e, message));
          }}
          data-testid="notifications-read-all"
        >
          {t('notif.readAll')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.none')} />
      ) : (
        <List<NotificationView>
          size="small"
          dataSource={items}
          rowKey={(n) => String(n.id)}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer', paddingInline: 4 }} onClick={() => void openItem(n)} data-testid="notifications-dropdown-item">
              <List.Item.Meta
                title={n.title}
                description={
                  <>
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      {n.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatInstant(n.createdAt, locale)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notifications-view-all">
          {t('notif.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      <Badge count={unread} overflowCount={99} size="small" data-testid="notifications-unread" data-count={unread}>
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          style={{ color: '#fff' }}
          aria-label={unread > 0 ? t('notif.unreadCount', { n: unread }) : t('notif.title')}
          data-testid="notifications-bell"
        />
      </Badge>
    </Popover>
  );
}
