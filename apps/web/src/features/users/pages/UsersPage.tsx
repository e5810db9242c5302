import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { OrganisationTreeSelect } from '../../../components/OrganisationTreeSelect';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { isApiError } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { ROLES, setUserEnabled, USER_STATUSES, USERS_KEY, useUsers, type UserFilters, type UserRow } from '../api/users.api';
import { ResetPasswordModal } from '../components/ResetPasswordModal';
import { UserFormModal } from '../components/UserFormModal';
import { serverPagination } from '../../../lib/pagination';

const STATUS_COLOURS: Record<string, string> = { active: 'green', disabled: 'default', pending: 'orange' };

function cleanFilters(v: UserFilters): UserFilters {
  return {
    q: v.q?.trim() || undefined,
    organisationId: v.organisationId || undefined,
    role: v.role || undefined,
    status: v.status || undefined,
  };
}

export function UsersPage() {
  const { t, tx, locale } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [filterForm] = Form.useForm<UserFilters>();
  const [filters, setFilters] = useState<UserFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  // The row stays after closing so the modal keeps its content while it animates away.
  const [editing, setEditing] = useState<{ user: UserRow; open: boolean }>();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<{ user: UserRow; open: boolean }>();
  const users = useUsers(filters, page, pageSize);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: USERS_KEY });

  const confirmToggle = (user: UserRow) => {
    const enable = user.status !== 'active';
    modal.confirm({
      title: enable ? t('users.enable') : t('users.disable'),
      content: t(enable ? 'users.enableConfirm' : 'users.disableConfirm', { name: user.displayName }),
      okButtonProps: { ...buttonTestId('user-status-ok'), danger: !enable },
      onOk: async () => {
        try {
          await setUserEnabled(user, enable);
          void message.success(t(enable ? 'users.enabled' : 'users.disabled'));
        } catch (e) {
          // A 409 means the row is stale: the message says so and the refresh shows the truth.
          if (!(isApiError(e) && e.status === 409)) {
            showApiError(e, message);
            return;
          }
          void message.error(e.message);
        }
        refresh();
      },
    });
  };

  const columns: TableColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.organisation'), dataIndex: 'organisationName' },
    {
      title: t('users.role'),
      dataIndex: 'roles',
      render: (roles: string[]) => roles.map((r) => <Tag key={r}>{tx(`role.${r}`, r)}</Tag>),
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{tx(`userStatus.${s}`, s)}</Tag>,
    },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatInstant(v, locale) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing({ user, open: true })} data-testid={`user-edit-${user.username}`}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" danger={user.status === 'active'} onClick={() => confirmToggle(user)} data-testid={`user-toggle-${user.username}`}>
            {user.status === 'active' ? t('users.disable') : t('users.enable')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting({ user, open: true })} data-testid={`user-reset-password-${user.username}`}>
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('users.title')}
      extra={
        <>
          <ExportButton path="/api/users/export" query={{ ...filters }} fallbackName="用户.xlsx" testId="users-export" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
            {t('users.create')}
          </Button>
        </>
      }
      testId="users-page"
    >
      <Card style={{ marginBottom: 16 }}>
        <Form<UserFilters>
          form={filterForm}
          layout="inline"
          onFinish={(v) => {
            setFilters(cleanFilters(v));
            setPage(1);
          }}
          style={{ rowGap: 12 }}
          data-testid="users-filters"
        >
          <Form.Item name="q" label={t('users.keyword')}>
            <Input allowClear placeholder={t('users.keywordPlaceholder')} data-testid="users-filter-q" />
          </Form.Item>
          <Form.Item name="organisationId" label={t('users.organisation')}>
            <OrganisationTreeSelect testId="users-filter-organisation" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <Select allowClear style={{ width: 140 }} options={ROLES.map((r) => ({ value: r, label: tx(`role.${r}`, r) }))} data-testid="users-filter-role" />
          </Form.Item>
          <Form.Item name="status" label={t('users.status')}>
            <Select allowClear style={{ width: 120 }} options={USER_STATUSES.map((s) => ({ value: s, label: tx(`userStatus.${s}`, s) }))} data-testid="users-filter-status" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="users-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  filterForm.resetFields();
                  setFilters({});
                  setPage(1);
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<UserRow>
          rowKey={(u) => String(u.id)}
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          pagination={serverPagination({ page, pageSize, total: users.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
          scroll={{ x: 'max-content' }}
          data-testid="users-table"
        />
      )}
      <UserFormModal open={creating} onClose={() => setCreating(false)} onChanged={refresh} />
      {editing ? (
        <UserFormModal
          key={String(editing.user.id)}
          user={editing.user}
          open={editing.open}
          onClose={() => setEditing({ ...editing, open: false })}
          onChanged={refresh}
        />
      ) : null}
      {resetting ? <ResetPasswordModal user={resetting.user} open={resetting.open} onClose={() => setResetting({ ...resetting, open: false })} /> : null}
    </PageContainer>
  );
}
