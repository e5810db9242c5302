import type { Kysely, Transaction } from 'kysely';
import { prepared } from '../db/prepared';
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
  // Always four role slots, so the query is compiled once; no roles given means all four.
  const wanted = roles?.length ? roles : ALL_ROLES;
  const slots = [0, 1, 2, 3].map((i) => wanted[i] ?? wanted[0]!);
  const recipients = await recipientsOf(trx, [orgId, 'active', ...slots]);
  for (const r of recipients) {
    await insertNotice(trx, [r.id, notice.kind, notice.title, notice.body, notice.caseId ?? null, notice.link ?? null, at.toISOString(), null]);
  }
  return recipients.map((r) => ({ userId: r.id, username: r.username, phone: r.phone }));
}

const ALL_ROLES = ['admin', 'reviewer', 'operator', 'viewer'] as const;

// Every case step notifies; compiled once (db/prepared.ts) rather than rebuilt per call.
const recipientsOf = prepared((db: Kysely<Database>) =>
  db.selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.phone']).distinct()
    .where('u.organisation_id', '=', 0).where('u.status', '=', '').where('r.role', 'in', ['', '', '', ''])
    .orderBy('u.id'));
const insertNotice = prepared((db: Kysely<Database>) => db.insertInto('notification').values({
  user_id: 0, kind: '', title: '', body: '', case_id: 0, link: '', created_at: '', read_at: '',
}));

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
