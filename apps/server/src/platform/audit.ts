import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/kysely';
import { prepared } from '../db/prepared';
import type { Database } from '../db/schema';

/** Who did something, as the audit log records it. */
export interface Actor {
  userId: number | null;
  username: string | null;
  organisationId: number | null;
  requestId: string | null;
}

/** The system itself (jobs, migrations, seeds) as an actor. */
export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', organisationId: null, requestId: null };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);
// Any fixed number; every audited write takes this transaction-scoped lock on PostgreSQL just
// before appending, so sequence numbers and the hash chain stay gap-free across instances.
const AUDIT_LOCK_KEY = 7_370_001;
const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'csrf_token', 'newPassword', 'currentPassword']);

/** The newest event of the chain as a transaction last wrote or read it. */
interface ChainHead {
  seq: number;
  hash: string;
}

// SQLite: within one transaction nobody else can append (it holds the write lock), so the head
// read or written last is still the head. A group commit (db/group-commit.ts) shares one
// transaction among many units: the head is remembered across them, and forgotten when a unit
// rolls back (its events are gone). PostgreSQL reads the head in the database, under the lock.
const heads = new WeakMap<object, ChainHead>();

/** Forget the remembered head of a transaction; call when part of it rolled back. */
export function forgetChainHead(trx: Transaction<Database>): void {
  heads.delete(trx);
}

/**
 * Appends audit events, in order, inside the caller's transaction, each chained to the previous
 * event by hash. Call it in the same transaction as the change it records, after the change (the
 * unit of work calls it once, just before commit): if the change rolls back, so do its events.
 * Secrets are replaced by "***".
 */
export async function appendAudit(
  trx: Transaction<Database>,
  dialect: Dialect,
  actor: Actor,
  at: Date,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({
    at: at.toISOString(),
    actor_user_id: actor.userId,
    actor_username: actor.username,
    organisation_id: actor.organisationId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId === null ? null : String(entry.entityId),
    before_json: entry.before === undefined ? null : redactedJson(entry.before),
    after_json: entry.after === undefined ? null : redactedJson(entry.after),
    request_id: actor.requestId,
  }));
  if (dialect === 'postgres') {
    // One round trip: the database takes the chain's lock, reads the head after it, hashes and
    // inserts (migration 2026-12-03T0910-audit-append); the lock is then held only until the COMMIT.
    await appendOnPostgres(trx, [AUDIT_LOCK_KEY, JSON.stringify(rows.map((row) => ({ ...row, fields: fieldsOf(row) })))]);
    return;
  }
  let head = heads.get(trx);
  if (!head) {
    const [last] = await chainHead(trx, []);
    head = last ?? { seq: 0, hash: GENESIS };
  }
  for (const fields of rows) {
    const row: Unhashed = { seq: head.seq + 1, ...fields, prev_hash: head.hash };
    const hash = hashOf(row);
    // Forget first: if the insert fails, the remembered head must not claim an event that is not there.
    heads.delete(trx);
    await appendEvent(trx, [row.seq, row.at, row.actor_user_id, row.actor_username, row.organisation_id, row.action, row.entity_type, row.entity_id, row.before_json, row.after_json, row.request_id, row.prev_hash, hash]);
    head = { seq: row.seq, hash };
    heads.set(trx, head);
  }
}

// Every audited write runs these: compiled once (db/prepared.ts), not rebuilt per call.
const appendOnPostgres = prepared((_db: Kysely<Database>) => sql`select audit_append(${0}, ${''}::jsonb)`);
const chainHead = prepared((db: Kysely<Database>) => db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(sql.lit(1)));
const appendEvent = prepared((db: Kysely<Database>) => db.insertInto('audit_event').values({
  seq: 0, at: '', actor_user_id: 0, actor_username: '', organisation_id: 0, action: '', entity_type: '', entity_id: '',
  before_json: '', after_json: '', request_id: '', prev_hash: '', hash: '',
}));

type Unhashed = Omit<Database['audit_event'], 'hash'>;

/**
 * SHA-256 of the JSON array [seq, …fields, prev_hash]. PostgreSQL's audit_append() builds the
 * same text from `fieldsOf()` (the JSON of the middle ten values without its brackets).
 */
function hashOf(e: Unhashed): string {
  const canonical = `[${e.seq},${fieldsOf(e)},${JSON.stringify(e.prev_hash)}]`;
  return createHash('sha256').update(canonical).digest('hex');
}

function fieldsOf(e: Omit<Unhashed, 'seq' | 'prev_hash'>): string {
  return JSON.stringify([
    e.at, e.actor_user_id, e.actor_username, e.organisation_id, e.action, e.entity_type,
    e.entity_id, e.before_json, e.after_json, e.request_id,
  ]).slice(1, -1);
}

/**
 * JSON of an audited value with every secret (SECRET_KEYS, at any depth) masked, written in one
 * pass: every submission audits its whole application, and copying it first cost a new object
 * per level. Values serialise as JSON.stringify has them (a Date as its ISO time, not `{}`).
 */
function redactedJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? '***' : v));
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first event whose link is broken, and why. */
  brokenAt?: { seq: number; reason: string };
}

/**
 * Recomputes the whole chain in sequence order and names the first broken link: a changed event
 * (hash mismatch), a removed event (sequence gap) or a re-linked event (prev_hash mismatch).
 */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>=', expectedSeq)
      .orderBy('seq').limit(batchSize).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, checked, brokenAt: { seq: expectedSeq, reason: `第 ${expectedSeq} 条事件缺失（下一条为第 ${r.seq} 条）` } };
      if (r.prev_hash !== prevHash) return { ok: false, checked, brokenAt: { seq: r.seq, reason: `第 ${r.seq} 条事件的前序哈希与第 ${r.seq - 1} 条不符` } };
      const { hash, ...rest } = r;
      if (hashOf(rest) !== hash) return { ok: false, checked, brokenAt: { seq: r.seq, reason: `第 ${r.seq} 条事件内容被改动（哈希不符）` } };
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}
