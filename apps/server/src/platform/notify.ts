import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AppContext } from './context';

/** A message to people: in the platform always, by SMS or e-mail where a channel is configured. */
export interface Notice {
  kind: string;
  title: string;
  body: string;
  caseId?: number | null;
  link?: string | null;
}

/** An outside channel (SMS, e-mail). Called after the transaction commits; failures are logged, never thrown. */
export interface NotificationChannel {
  name: string;
  send(recipient: { userId: number; username: string; phone: string | null }, notice: Notice): Promise<void>;
}

/** The default channel: writes what would be sent to the structured log. */
export function loggingChannel(ctx: AppContext): NotificationChannel {
  return {
    name: 'log',
    async send(recipient, notice) {
      ctx.log.info({ channel: 'log', to: recipient.username, kind: notice.kind, title: notice.title }, 'notification');
    },
  };
}

const channels = new WeakMap<AppContext, NotificationChannel[]>();

/** Replaces the outside channels of an app (tests install a recording channel). */
export function setChannels(ctx: AppContext, list: NotificationChannel[]): void {
  channels.set(ctx, list);
}

/**
 * Stores in-app notifications for every active user of an organisation holding one of `roles`
 * (all roles when omitted), inside the caller's transaction. Returns the recipients so the caller
 * can hand them to outside channels after commit with {@link deliver}.
 */
export async function notifyOrganisation(trx: Transaction<Database>, at: Date, orgId: number, notice: Notice, roles?: readonly string[]) {
  let q = trx.selectFrom('app_user as u').select(['u.id', 'u.username', 'u.phone']).where('u.organisation_id', '=', orgId).where('u.status', '=', 'active');
  if (roles?.length) q = q.where('u.id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role', 'in', [...roles]));
  const recipients = await q.execute();
  if (recipients.length) {
    await trx.insertInto('notification').values(recipients.map((r) => ({
      user_id: r.id, kind: notice.kind, title: notice.title, body: notice.body, case_id: notice.caseId ?? null,
      link: notice.link ?? null, created_at: at.toISOString(), read_at: null,
    }))).execute();
  }
  return recipients.map((r) => ({ userId: r.id, username: r.username, phone: r.phone }));
}

/** Sends notices through the outside channels; never throws (a failed SMS must not undo a decision). */
export async function deliver(ctx: AppContext, recipients: { userId: number; username: string; phone: string | null }[], notice: Notice): Promise<void> {
  const list = channels.get(ctx) ?? [loggingChannel(ctx)];
  for (const ch of list) {
    for (const r of recipients) {
      try {
        await ch.send(r, notice);
      } catch (err) {
        ctx.log.warn({ err, channel: ch.name, to: r.username }, 'notification channel failed');
      }
    }
  }
}
