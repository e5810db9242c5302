import type { Kysely } from 'kysely';
import { prepared } from '../db/prepared';
import type { Database } from '../db/schema';
import type { AppContext, Tx } from './context';

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

/** Someone an organisation's notice reaches, for the outside channels. */
export interface Recipient {
  userId: number;
  username: string;
  phone: string | null;
}

/** A notice stored in a unit of work, and who it reaches, for the outside channels after commit. */
export interface Delivery {
  recipients: Promise<Recipient[]>;
  notice: Notice;
}

/**
 * Stores in-app notifications for every active user of an organisation holding one of `roles`
 * (all roles when omitted), inside the caller's unit of work. The statement is not waited for
 * (Tx.send): the recipients it returns are read once the unit is done, to hand to {@link deliver}.
 */
export function notifyOrganisation(tx: Tx, orgId: number, notice: Notice, roles?: readonly string[]): Delivery {
  // Always four role slots, so the statement is compiled once; no roles given means all four.
  const wanted = roles?.length ? roles : ALL_ROLES;
  const who = [orgId, 'active', ...[0, 1, 2, 3].map((i) => wanted[i] ?? wanted[0]!)];
  const stored = tx.send(insertNotices(tx.db, [notice.kind, notice.title, notice.body, notice.caseId ?? null, notice.link ?? null, tx.now.toISOString(), ...who]));
  // RETURNING gives no order: the outside channels reach people in the order of their accounts.
  // Each returned row's user exists (the statement has just selected it), so its name does too.
  const people = stored.then((rows) => rows.map((r) => ({ userId: r.user_id, username: r.username!, phone: r.phone })).sort((a, b) => a.userId - b.userId));
  // Read only when the unit succeeded; if it failed, the unit's own error says why.
  people.catch(() => undefined);
  return { notice, recipients: people };
}

const ALL_ROLES = ['admin', 'reviewer', 'operator', 'viewer'] as const;

// Every case step notifies: one statement, compiled once (db/prepared.ts), whatever the number of
// recipients (active users of the organisation with one of the roles). It returns who they are
// for the outside channels, which a select of its own cost a statement per step (on PostgreSQL
// one in ten of a submission's). The casts type the parameters for PostgreSQL, which cannot
// infer them from a select list.
const insertNotices = prepared((db: Kysely<Database>) => db.insertInto('notification')
  .columns(['user_id', 'kind', 'title', 'body', 'case_id', 'link', 'created_at', 'read_at'])
  .expression((eb) => eb.selectFrom('app_user as u')
    .select((e) => [
      'u.id', e.cast<string>(e.val(''), 'text').as('kind'), e.cast<string>(e.val(''), 'text').as('title'), e.cast<string>(e.val(''), 'text').as('body'),
      e.cast<number>(e.val(0), 'integer').as('case_id'), e.cast<string>(e.val(''), 'text').as('link'), e.cast<string>(e.val(''), 'text').as('created_at'),
      e.cast<string | null>(e.lit(null), 'text').as('read_at'),
    ])
    .where('u.organisation_id', '=', 0).where('u.status', '=', '')
    .where((e) => e.exists(e.selectFrom('user_role as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', ['', '', '', ''])))
    .orderBy('u.id'))
  .returning((eb) => [
    'notification.user_id',
    eb.selectFrom('app_user as a').select('a.username').whereRef('a.id', '=', 'notification.user_id').as('username'),
    eb.selectFrom('app_user as a').select('a.phone').whereRef('a.id', '=', 'notification.user_id').as('phone'),
  ]));

/** Sends notices through the outside channels; never throws (a failed SMS must not undo a decision). */
export async function deliver(ctx: AppContext, { recipients: stored, notice }: Delivery): Promise<void> {
  const list = channels.get(ctx) ?? [loggingChannel(ctx)];
  const recipients = await stored;
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
