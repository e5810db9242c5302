import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type Checkpointer, startCheckpointer } from './checkpointer';
import { createDb, SERVING_AUTOCHECKPOINT_PAGES } from './kysely';

// The serving connection checkpoints only when the log passes ~40 MB (db/checkpointer.ts); a
// worker thread does it long before. Without the worker the log below would hold all 32 MB.

const dir = mkdtempSync(path.join(tmpdir(), 'relief-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;

describe('SQLite checkpoints in the background', () => {
  it('keeps the log small while far more is written than it would hold, and leaves none behind', async () => {
    const file = path.join(dir, 'relief.db');
    const { db, destroy } = createDb({ sqlitePath: file });
    const wal = `${file}-wal`;
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    expect(rows[0]!.wal_autocheckpoint).toBe(SERVING_AUTOCHECKPOINT_PAGES);
    const { rows: page } = await sql<{ page_size: number }>`pragma page_size`.execute(db);
    const servingThreshold = SERVING_AUTOCHECKPOINT_PAGES * page[0]!.page_size;
    await sql`create table filler (id integer primary key, body blob not null)`.execute(db);
    const body = Buffer.alloc(16 * 1024, 7);
    let largest = 0;
    // Four bursts of 8 MB (1 MB per transaction), each followed by a lull. The log starts over at
    // the first write after a lull only if a checkpoint copied all of it back meanwhile: without
    // the worker it would hold all 32 MB, below the serving connection's own threshold.
    for (let burst = 0; burst < 4; burst++) {
      for (let batch = 0; batch < 8; batch++) {
        await db.transaction().execute(async (trx) => {
          for (let i = 0; i < 64; i++) await sql`insert into filler (body) values (${body})`.execute(trx);
        });
        largest = Math.max(largest, statSync(wal).size);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(servingThreshold).toBeGreaterThan(32 * MB);
    expect(largest).toBeLessThan(12 * MB);
    const { rows: count } = await sql<{ n: number }>`select count(*) as n from filler`.execute(db);
    expect(count[0]!.n).toBe(4 * 8 * 64);
    await destroy();
    // The last connection to close copies what was left and removes the log.
    expect(existsSync(wal)).toBe(false);
  }, 30_000);

  it('reports a worker that cannot open the database, so that the serving connection checkpoints itself', async () => {
    const errors: string[] = [];
    let exits = 0;
    let checkpointer: Checkpointer | undefined;
    await new Promise<void>((resolve) => {
      checkpointer = startCheckpointer(path.join(dir, 'no-such-dir', 'relief.db'), {
        onError: (message) => errors.push(message),
        onExit: () => {
          exits++;
          resolve();
        },
      });
    });
    // Stopping a worker that has ended already returns at once.
    await checkpointer!.stop();
    expect(errors.join('\n')).toMatch(/Cannot open database because the directory does not exist/);
    expect(exits).toBe(1);
  });
});
