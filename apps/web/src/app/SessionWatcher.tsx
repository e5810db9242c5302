import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { keepalive } from '../features/auth/api/auth.api';
import { useLogout } from '../features/auth/api/use-logout';
import { useI18n } from '../lib/i18n-context';
import { formatCountdown, sessionState, sessionStore } from '../lib/session';
import { acceptMe, ME_QUERY_KEY } from '../lib/use-me';

/**
 * Warns 5 minutes before the server's idle timeout and 10 minutes before its absolute limit,
 * and goes to the login page once the session has expired.
 */
export function SessionWatcher() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const times = useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot);
  const [now, setNow] = useState(() => Date.now());
  const [absoluteAcknowledged, setAbsoluteAcknowledged] = useState(false);
  const [renewing, setRenewing] = useState(false);

  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);

  const state = sessionState(now, times);
  const expiredReason = state.kind === 'expired' ? state.reason : null;

  useEffect(() => {
    if (!expiredReason) return;
    const next = window.location.pathname + window.location.search;
    sessionStore.clear();
    queryClient.clear();
    void message.warning(t(expiredReason === 'absolute' ? 'login.expiredAbsolute' : 'login.expired'));
    void navigate(`/login?reason=${expiredReason === 'absolute' ? 'absolute' : 'expired'}&next=${encodeURIComponent(next)}`, { replace: true });
  }, [expiredReason, message, navigate, queryClient, t]);

  const onKeepalive = async () => {
    setRenewing(true);
    try {
      // The response header has already moved the idle expiry; the body (like GET /api/me) too.
      const me = acceptMe(await keepalive());
      if (!me.session.idleExpiresAt && sessionState(Date.now(), sessionStore.getSnapshot()).kind === 'idle-warning') {
        await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      }
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setRenewing(false);
    }
  };

  const idleOpen = state.kind === 'idle-warning';
  const absoluteOpen = state.kind === 'absolute-warning' && !absoluteAcknowledged;
  const remaining = state.kind === 'idle-warning' || state.kind === 'absolute-warning' ? formatCountdown(state.remainingMs) : '';

  return (
    <>
      <Modal
        open={idleOpen}
        title={t('session.idleTitle')}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={[
          <Button key="logout" onClick={() => void logout()} data-testid="session-logout">
            {t('session.logout')}
          </Button>,
          <Button key="keep" type="primary" loading={renewing} onClick={() => void onKeepalive()} data-testid="session-keepalive">
            {t('session.keepalive')}
          </Button>,
        ]}
        data-testid="session-idle-modal"
      >
        <p data-testid="session-idle-text">{t('session.idleText', { time: remaining })}</p>
      </Modal>
      <Modal
        open={absoluteOpen}
        title={t('session.absoluteTitle')}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={[
          <Button key="logout" onClick={() => void logout()} data-testid="session-absolute-logout">
            {t('session.logout')}
          </Button>,
          <Button key="ack" type="primary" onClick={() => setAbsoluteAcknowledged(true)} data-testid="session-absolute-ok">
            {t('session.acknowledge')}
          </Button>,
        ]}
      >
        <p>{t('session.absoluteText', { time: remaining })}</p>
      </Modal>
    </>
  );
}
