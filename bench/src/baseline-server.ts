// The bare reference: Fastify and one better-sqlite3 database, nothing else. Every benchmark
// divides the platform's figure by this server's, measured in the same run on the same machine.
//
//   GET  /item/:id  one row by primary key through a prepared statement, returned as JSON
//   POST /item      a ~1 KB JSON body validated by a JSON schema, one insert
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { announceReady, requestedPort, stopOnSignal } from './child';
import { ITEM_ROWS, itemBody, itemSchema } from './fixtures';

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relief-bench-baseline-'));
  const db = new Database(path.join(dir, 'baseline.db'));
  const app = Fastify({ logger: false });
  stopOnSignal(async () => {
    try {
      await app.close();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table item (id integer primary key, body text not null)');
  const insert = db.prepare<[string], void>('insert into item (body) values (?)');
  db.transaction(() => {
    for (let i = 1; i <= ITEM_ROWS; i++) insert.run(JSON.stringify(itemBody(i)));
  })();
  const byId = db.prepare<[number], { id: number; body: string }>('select id, body from item where id = ?');

  app.get<{ Params: { id: number } }>('/item/:id', {
    schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } },
  }, async (request, reply) => {
    const row = byId.get(request.params.id);
    if (!row) return reply.code(404).send({ error: 'not found' });
    return row;
  });
  app.post('/item', {
    schema: { body: itemSchema },
  }, async (request, reply) => {
    const { lastInsertRowid } = insert.run(JSON.stringify(request.body));
    return reply.code(201).send({ id: Number(lastInsertRowid) });
  });

  await app.listen({ host: '127.0.0.1', port: requestedPort() });
  const address = app.server.address();
  announceReady(typeof address === 'object' && address ? address.port : 0);
}

await main();
