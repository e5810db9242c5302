import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time. On PostgreSQL the audit chain's advisory lock serialises every audited writer
// from the moment one takes it until it commits. Appending from the application took three round
// trips under the lock (take it, read the head, insert), and a busy server answered each reply
// only when its event loop came round: every writer waited that long for the one before. This
// function does the three in the database, in one call; only the COMMIT's round trip remains
// under the lock.
//
// It hashes exactly as platform/audit.ts hashOf() does: SHA-256 of the JSON array [seq, …fields,
// prev_hash], the fields' part serialised by the application (`fields`, the JSON of the ten
// values between seq and prev_hash, without its brackets), so `audit verify` checks events of both
// kinds alike. SQLite keeps the application-side append: there the transaction already holds the
// only write lock.

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE FUNCTION audit_append(lock_key bigint, entries jsonb) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  e jsonb;
  head_seq integer;
  head_hash text;
  next_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  -- A query of its own in a VOLATILE function takes a fresh snapshot, after the lock: it sees the
  -- head the previous holder committed before it released the lock.
  SELECT seq, hash INTO head_seq, head_hash FROM audit_event ORDER BY seq DESC LIMIT 1;
  IF head_seq IS NULL THEN
    head_seq := 0;
    head_hash := repeat('0', 64);
  END IF;
  FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
    head_seq := head_seq + 1;
    next_hash := encode(sha256(convert_to('[' || head_seq || ',' || (e->>'fields') || ',' || to_json(head_hash)::text || ']', 'UTF8')), 'hex');
    INSERT INTO audit_event (seq, at, actor_user_id, actor_username, organisation_id, action, entity_type, entity_id,
                             before_json, after_json, request_id, prev_hash, hash)
    VALUES (head_seq, e->>'at', (e->>'actor_user_id')::integer, e->>'actor_username', (e->>'organisation_id')::integer,
            e->>'action', e->>'entity_type', e->>'entity_id', e->>'before_json', e->>'after_json', e->>'request_id', head_hash, next_hash);
    head_hash := next_hash;
  END LOOP;
END $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP FUNCTION audit_append(bigint, jsonb)`.execute(db);
}
