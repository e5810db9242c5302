import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type Generated, type Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommitOf } from './group-commit';
import { createDb, type Db } from './kysely';
import { prepared } from './prepared';

// SQLite: the prepared reads of one turn of the event loop share one read transaction
// (kysely.ts, sharedReadTransaction). Another connection on the file stands for another
// process (WORKERS, the CLI). What a turn's reads see must be what they would have seen had they
// all run at its start, and nothing else on the connection may run inside that transaction.

const dir = mkdtempSync(path.join(tmpdir(), 'relief-shared-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Notes = { note: { id: Generated<number>; body: string } };
const notes = prepared((db: Kysely<Notes>) => db.selectFrom('note').select('body').orderBy('id'));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const bodies = async (db: Kysely<Notes>) => (await notes(db, [])).map((r) => r.body);

describe('SQLite: reads of one turn share a read transaction', () => {
  let file: string;
  let served: Db;
  let db: Kysely<Notes>;
  let other: SqliteDatabase.Database;
  let n = 0;

  beforeEach(async () => {
    file = path.join(dir, `relief-${n++}.db`);
    served = createDb({ sqlitePath: file });
    db = served.db as unknown as Kysely<Notes>;
    await sql`create table note (id integer primary key, body text not null)`.execute(db);
    other = new SqliteDatabase(file);
    other.pragma('busy_timeout = 5000');
  });
  afterEach(async () => {
    other.close();
    await served.destroy();
  });

  const writeElsewhere = (body: string) => other.prepare('insert into note (body) values (?)').run(body);

  it('sees another process\'s commit from the next turn on, as if the turn\'s reads had run at its start', async () => {
    writeElsewhere('before');
    expect(await bodies(db)).toEqual(['before']);
    writeElsewhere('during the turn');
    expect(await bodies(db)).toEqual(['before']);
    await nextTurn();
    expect(await bodies(db)).toEqual(['before', 'during the turn']);
  });

  it('ends the shared read before a write of its own, which then sees and keeps everything committed', async () => {
    expect(await bodies(db)).toEqual([]);
    writeElsewhere('elsewhere');
    await db.insertInto('note').values({ body: 'here' }).execute();
    // Same turn: the write ended the shared read, and the next read opened a fresh one.
    expect(await bodies(db)).toEqual(['elsewhere', 'here']);
    // The write was committed on its own, not held in a transaction until the turn ended.
    expect(other.prepare('select body from note order by id').pluck().all()).toEqual(['elsewhere', 'here']);
    // Nor one that returns rows, as a read does (better-sqlite3 calls both readers).
    expect(await bodies(db)).toEqual(['elsewhere', 'here']);
    const inserted = await db.insertInto('note').values({ body: 'returned' }).returning('body').execute();
    expect(inserted).toEqual([{ body: 'returned' }]);
    expect(other.prepare('select body from note order by id').pluck().all()).toEqual(['elsewhere', 'here', 'returned']);
  });

  it('lets a transaction begin in the same turn, and it writes on the latest state', async () => {
    expect(await bodies(db)).toEqual([]);
    writeElsewhere('first');
    const seen = await db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ body: 'second' }).execute();
      return bodies(trx);
    });
    expect(seen).toEqual(['first', 'second']);
    // A group commit's batch too: it begins a turn later, after reads of its own turn.
    expect(await bodies(db)).toEqual(['first', 'second']);
    writeElsewhere('third');
    const batched = await groupCommitOf(served.db).run(async (trx) => {
      const t = trx as unknown as Kysely<Notes>;
      await t.insertInto('note').values({ body: 'fourth' }).execute();
      return bodies(t);
    });
    expect(batched).toEqual(['first', 'second', 'third', 'fourth']);
    expect(other.prepare('select body from note order by id').pluck().all()).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('leaves no transaction open once the turn is over, so another process can checkpoint the whole log', async () => {
    writeElsewhere('x');
    expect(await bodies(db)).toEqual(['x']);
    await nextTurn();
    // A TRUNCATE checkpoint waits for no reader to hold an old snapshot; busy = 1 had one held it.
    other.pragma('busy_timeout = 0');
    const [result] = other.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    expect(result).toEqual(expect.objectContaining({ busy: 0, log: 0 }));
  });

  it('closes cleanly while a turn\'s read is still open', async () => {
    expect(await bodies(db)).toEqual([]);
    await served.destroy();
    served = createDb({ sqlitePath: file });
    db = served.db as unknown as Kysely<Notes>;
    expect(await bodies(db)).toEqual([]);
  });
});
