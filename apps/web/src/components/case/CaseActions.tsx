import type { CaseActionView, CaseDetail } from '@relief/domain';
import { ExportOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { isApiError } from '../../lib/api';
import { showApiError } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n-context';
import { buttonTestId } from '../../lib/test-id';
import { holdCase, releaseCase, takeCaseAction } from './case.api';
import { type CaseOnMeasurePage, splitActions, whereMeasureSteps } from './case-actions';

export interface CaseActionsProps {
  /** The case; from a measure's own page, as withoutMeasureSteps leaves it (its steps named in measureSteps). */
  detail: CaseOnMeasurePage;
  /** Called with the case as the server answered after an action. */
  onChanged: (next: CaseDetail) => void;
  /** Called after a 409 (someone else acted first): reload the case. */
  onStale: () => void;
}

/** What the open dialog is for: one of the case's actions, a hold, or a release. */
type Pending = { type: 'action'; action: CaseActionView } | { type: 'hold' } | { type: 'release' };

interface CommentValues {
  comment?: string;
}

/** The first forward action is the primary button; returns and rejections never are. */
function buttonProps(a: CaseActionView, primaryKey: string | undefined): { type?: 'primary' | 'default'; danger?: boolean } {
  if (a.kind === 'reject') return { danger: true };
  if (a.kind === 'return') return { type: 'default' };
  return a.key === primaryKey ? { type: 'primary' } : { type: 'default' };
}

/**
 * The actions the viewer may take now, each confirmed in a dialog (a comment is required for
 * rejections, returns and any action the workflow marks so), plus hold and release for reviewers.
 * Steps taken only on the measure's own page are links there, not buttons the route would refuse.
 * Every request carries the version shown; a 409 says who came first and reloads the case.
 */
export function CaseActions({ detail, onChanged, onStale }: CaseActionsProps) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommentValues>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [saving, setSaving] = useState(false);

  const split = splitActions(detail.actions);
  const { buttons } = split;
  // On a measure's own page its steps are the page's own controls: say so, and link only to other pages.
  const { here, elsewhere: onMeasurePage } = detail.measureSteps ? whereMeasureSteps(detail.measureSteps, pathname) : { here: [], elsewhere: split.onMeasurePage };
  const primaryKey = buttons.find((a) => a.kind !== 'reject' && a.kind !== 'return')?.key;
  const commentRequired = pending?.type === 'hold' || (pending?.type === 'action' && pending.action.requiresComment);

  const close = () => {
    setPending(null);
    form.resetFields();
  };

  const onOk = async () => {
    if (!pending) return;
    // Validate only what has a rule: a confirmation pressed while the dialog is still opening
    // (its form not yet mounted) must still go through, not fail silently.
    const v = commentRequired ? await form.validateFields() : { comment: form.getFieldValue('comment') as string | undefined };
    const comment = v.comment?.trim() || undefined;
    setSaving(true);
    try {
      let next: CaseDetail;
      if (pending.type === 'action') {
        next = await takeCaseAction(detail.id, pending.action.key, { version: detail.version, ...(comment ? { comment } : {}) });
        void message.success(t('case.actionDone', { action: pending.action.label }));
      } else if (pending.type === 'hold') {
        next = await holdCase(detail.id, { version: detail.version, reason: comment ?? '' });
        void message.success(t('case.heldDone'));
      } else {
        next = await releaseCase(detail.id, { version: detail.version, ...(comment ? { reason: comment } : {}) });
        void message.success(t('case.releasedDone'));
      }
      close();
      onChanged(next);
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        // Someone acted first (STALE_VERSION) or the case moved on: the server says which; show the case as it is now.
        void message.error(e.message);
        close();
        onStale();
      } else if (isApiError(e) && e.code === 'COMMENT_REQUIRED') {
        form.setFields([{ name: 'comment', errors: [e.message] }]);
      } else {
        showApiError(e, message, form);
      }
    } finally {
      setSaving(false);
    }
  };

  const title =
    pending?.type === 'action' ? pending.action.label : pending?.type === 'hold' ? t('case.holdTitle') : pending?.type === 'release' ? t('case.releaseTitle') : '';
  const label = pending?.type === 'hold' ? t('case.holdReason') : pending?.type === 'release' ? t('case.releaseReason') : commentRequired ? t('case.comment') : t('case.commentOptional');

  const showHold = detail.canHold && !detail.held;
  const showRelease = detail.canHold && detail.held;
  if (buttons.length === 0 && onMeasurePage.length === 0 && here.length === 0 && !showHold && !showRelease) {
    return <Typography.Text type="secondary" data-testid="case-no-actions">{t('case.noActions')}</Typography.Text>;
  }

  return (
    <>
      <Space wrap data-testid="case-actions">
        {here.length > 0 ? <Typography.Text data-testid="case-steps-on-page">{t('case.onThisPage', { steps: here.join('、') })}</Typography.Text> : null}
        {buttons.map((a) => (
          <Button key={a.key} {...buttonProps(a, primaryKey)} onClick={() => setPending({ type: 'action', action: a })} data-testid={`case-action-${a.key}`}>
            {a.label}
          </Button>
        ))}
        {onMeasurePage.map((a) => (
          <Link key={a.key} to={a.measureRouteOnly.link} data-testid={`case-action-link-${a.key}`}>
            <ExportOutlined /> {t('case.onMeasurePage', { page: a.measureRouteOnly.page, action: a.label })}
          </Link>
        ))}
        {showHold ? (
          <Button onClick={() => setPending({ type: 'hold' })} data-testid="case-hold">
            {t('case.hold')}
          </Button>
        ) : null}
        {showRelease ? (
          <Button onClick={() => setPending({ type: 'release' })} data-testid="case-release">
            {t('case.release')}
          </Button>
        ) : null}
      </Space>
      <Modal
        open={pending !== null}
        title={title}
        onOk={() => void onOk().catch(() => undefined)}
        onCancel={close}
        confirmLoading={saving}
        okText={pending?.type === 'action' ? pending.action.label : title}
        okButtonProps={{ ...buttonTestId('case-action-ok'), danger: pending?.type === 'action' && pending.action.kind === 'reject' }}
        destroyOnHidden
      >
        {pending?.type === 'action' ? <p>{t('case.actionConfirm', { action: pending.action.label, title: detail.title })}</p> : null}
        {pending?.type === 'hold' ? <p>{t('case.holdHint')}</p> : null}
        <Form<CommentValues> form={form} layout="vertical" preserve={false}>
          <Form.Item name="comment" label={label} rules={commentRequired ? [{ required: true, whitespace: true, message: t('case.commentRequired') }] : []}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="case-action-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
