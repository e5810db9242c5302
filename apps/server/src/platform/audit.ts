import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/kysely';
import { prepared } from '../db/prepared';
import type { AuditEventTable, Database } from '../db/schema';

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
// Any fixed number; on PostgreSQL every audited write takes the transaction-scoped lock
// AUDIT_LOCK_KEY + its chain just before appending, so each chain stays gap-free across instances.
const AUDIT_LOCK_KEY = 7_370_001;
/**
 * Chains PostgreSQL appends to (1 … AUDIT_CHAINS). A chain's lock is held from the append until the
 * COMMIT is on disk, so one chain capped the province's audited writes at 1 ÷ the COMMIT time
 * (docs/operations.md); with this many, that many writers append at once. Changing the number
 * later is safe: a new chain starts from its own genesis, and a chain no longer chosen simply ends.
 */
export const AUDIT_CHAINS = 16;
// Each instance takes the chains in turn, from a place of its own, so two instances that start
// together do not queue on the same locks.
let nextChain = Math.floor(Math.random() * AUDIT_CHAINS);
const chainOfTransaction = new WeakMap<object, number>();
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
    // One round trip: the database takes the chain's lock, reads its head after it, hashes and
    // inserts (migration 2026-12-08T0100-audit-chains); the lock is then held only until the COMMIT.
    // One chain per transaction, even if it appended twice: two writers each holding one chain's
    // lock and waiting for the other's would deadlock.
    let chain = chainOfTransaction.get(trx);
    if (chain === undefined) {
      chain = 1 + (nextChain++ % AUDIT_CHAINS);
      chainOfTransaction.set(trx, chain);
    }
    await appendOnPostgres(trx, [AUDIT_LOCK_KEY + chain, chain, JSON.stringify(rows.map((row) => ({ ...row, fields: fieldsOf(row) })))]);
    return;
  }
  let head: ChainHead | undefined = heads.get(trx);
  if (!head) {
    const [last] = await chainHead(trx, []);
    head = last ?? { seq: 0, hash: GENESIS };
  }
  // SQLite appends to chain 0, whose positions are the events' seq numbers (its one writer needs
  // no other chain).
  for (const fields of rows) {
    const row: Unhashed & { seq: number } = { seq: head.seq + 1, ...fields, prev_hash: head.hash };
    const hash = hashOf(row.seq, row);
    // Forget first: if the insert fails, the remembered head must not claim an event that is not there.
    heads.delete(trx);
    await appendEvent(trx, [row.seq, row.at, row.actor_user_id, row.actor_username, row.organisation_id, row.action, row.entity_type, row.entity_id, row.before_json, row.after_json, row.request_id, row.prev_hash, hash]);
    head = { seq: row.seq, hash };
    heads.set(trx, head);
  }
}

// Every audited write runs these: compiled once (db/prepared.ts), not rebuilt per call.
const appendOnPostgres = prepared((_db: Kysely<Database>) => sql`select audit_append(${0}, ${0}, ${''}::jsonb)`);
const chainHead = prepared((db: Kysely<Database>) => db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(sql.lit(1)));
const appendEvent = prepared((db: Kysely<Database>) => db.insertInto('audit_event').values({
  seq: 0, at: '', actor_user_id: 0, actor_username: '', organisation_id: 0, action: '', entity_type: '', entity_id: '',
  before_json: '', after_json: '', request_id: '', prev_hash: '', hash: '',
}));

type Unhashed = Omit<Selectable<AuditEventTable>, 'seq' | 'chain' | 'chain_seq' | 'hash'>;

/**
 * SHA-256 of the JSON array [position, …fields, prev_hash], the position being the event's place
 * in its chain (chain 0: its seq). PostgreSQL's audit_append() builds the same text from
 * `fieldsOf()` (the JSON of the middle ten values without its brackets).
 */
function hashOf(position: number, e: Unhashed): string {
  const canonical = `[${position},${fieldsOf(e)},${JSON.stringify(e.prev_hash)}]`;
  return createHash('sha256').update(canonical).digest('hex');
}

function fieldsOf(e: Omit<Unhashed, 'prev_hash'>): string {
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

/** The column holding an event's gap-free place in its chain: chain 0 is placed by seq, the others by chain_seq (migration 2026-12-08T0100-audit-chains). */
const placedBy = (chain: number) => (chain === 0 ? 'seq' : 'chain_seq');

/** An event's gap-free place in its chain. */
export function chainPosition(e: { seq: number; chain: number; chain_seq: number | null }): number {
  return e[placedBy(e.chain)] ?? 0;
}

/** A chain's newest event as `audit verify` printed it: where it was and what it hashed to. */
export const chainHeads = z.array(z.object({ chain: z.number().int().nonnegative(), position: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) }));

/**
 * Whether each head written down by an earlier verification is still in its chain, unchanged:
 * the one check that finds a chain's newest events removed (nothing links to them). Call it after
 * {@link verifyAuditChain} found every chain whole. Returns what is missing or changed, in Chinese.
 */
export async function lostSinceHeads(db: Kysely<Database>, recorded: z.infer<typeof chainHeads>): Promise<string[]> {
  const problems: string[] = [];
  for (const head of recorded) {
    const at = await db.selectFrom('audit_event').select('hash').where('chain', '=', head.chain)
      .where(placedBy(head.chain), '=', head.position).executeTakeFirst();
    if (!at) problems.push(`哈希链 ${head.chain} 已没有第 ${head.position} 条事件：上次校验时它是该链最新一条，此后被删除的事件至少从这一条开始`);
    else if (at.hash !== head.hash) problems.push(`哈希链 ${head.chain} 第 ${head.position} 条事件的哈希与上次校验时记录的不符：该链自这一条起被改写`);
  }
  return problems;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /**
   * The last event of each chain checked whole. A chain cannot show that its newest events were
   * removed; heads written down elsewhere (the operations log) can: a later head must extend them.
   */
  heads: { chain: number; position: number; hash: string }[];
  /** The first broken link: its chain, its position there, the event's seq (for a missing one, the seq of the event found in its place), and why. */
  brokenAt?: { seq: number; chain: number; position: number; reason: string };
}

/**
 * Recomputes every chain in order of position and names the first broken link: a changed event
 * (hash mismatch), a removed event (a gap in the chain's positions) or a re-linked event
 * (prev_hash mismatch). Chains are checked one after another, chain 0 first.
 */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<ChainReport> {
  const chains = await db.selectFrom('audit_event').select('chain').groupBy('chain').orderBy('chain').execute();
  let checked = 0;
  const heads: ChainReport['heads'] = [];
  for (const { chain } of chains) {
    const column = placedBy(chain);
    const where = chain === 0 ? '' : `第 ${chain} 号链`;
    let prevHash = GENESIS;
    let expected = 1;
    for (;;) {
      const rows = await db.selectFrom('audit_event').selectAll().where('chain', '=', chain).where(column, '>=', expected)
        .orderBy(column).limit(batchSize).execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        const position = chainPosition(r);
        const at = { seq: r.seq, chain, position };
        if (position !== expected) return { ok: false, checked, heads, brokenAt: { ...at, seq: chain === 0 ? expected : r.seq, position: expected, reason: `${where}第 ${expected} 条事件缺失（下一条为第 ${position} 条）` } };
        if (r.prev_hash !== prevHash) return { ok: false, checked, heads, brokenAt: { ...at, reason: `${where}第 ${position} 条事件的前序哈希与第 ${position - 1} 条不符` } };
        if (hashOf(position, r) !== r.hash) return { ok: false, checked, heads, brokenAt: { ...at, reason: `${where}第 ${position} 条事件内容被改动（哈希不符）` } };
        prevHash = r.hash;
        expected += 1;
        checked += 1;
      }
    }
    heads.push({ chain, position: expected - 1, hash: prevHash });
  }
  return { ok: true, checked, heads };
}
