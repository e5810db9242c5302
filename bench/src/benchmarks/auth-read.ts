// Authenticated read: the platform's fixed cost per request. GET /api/me looks the session up in
// the database (session ⨝ user ⨝ organisation, then the user's roles), runs the guard and the
// permission derivation and serialises the response through its Zod schema, with every plugin
// and hook of buildApp on the way. The bare baseline reads one ~1 KB row by a random id.
import { ITEM_ROWS } from '../fixtures';
import { compare } from '../harness';
import { expectOk, login, startBaseline, startPlatform } from '../servers';
import type { Benchmark } from './types';

const randomItemPath = () => `/item/${1 + Math.floor(Math.random() * ITEM_ROWS)}`;

export const authRead: Benchmark = {
  name: 'auth-read',
  summary: 'GET /api/me with a session cookie vs bare GET /item/:id (one row by random id)',
  async run(ctx) {
    const baseline = await startBaseline(ctx);
    try {
      const platform = await startPlatform(ctx);
      try {
        await expectOk(baseline.url, '/item/1');
        const session = await login(platform.url);
        const headers = { cookie: session.cookie };
        await expectOk(platform.url, '/api/me', headers);
        return await compare(
          { label: 'bare GET /item/:id (SQLite)', server: baseline, spec: { path: '/item/1', nextPath: randomItemPath } },
          { label: `GET /api/me (${ctx.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`, server: platform, spec: { path: '/api/me', headers } },
          { name: 'auth-read', settings: ctx.settings, profile: ctx.profile },
        );
      } finally {
        await platform.stop();
      }
    } finally {
      await baseline.stop();
    }
  },
};
