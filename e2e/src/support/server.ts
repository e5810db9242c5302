import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, buildApp } from '../../../apps/server/src/app';
import { seedDemo } from '../../../apps/server/src/db/seeds/demo';
import { ensureReferenceData } from '../../../apps/server/src/db/seeds/reference';
import { loadConfig, repoRoot } from '../../../apps/server/src/platform/config';

export interface RunningServer {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real platform on 127.0.0.1 with a fresh SQLite database seeded by the same code as
 * the demo (`npm start`), serving the built web app from apps/web/dist.
 */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relief-e2e-'));
  const config = {
    ...loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'warn' }),
    webDistDir: path.join(repoRoot, 'apps/web/dist'),
    jobIntervalSeconds: 0,
  };
  const app = await buildApp({ config, logger: false });
  await ensureReferenceData(app.ctx);
  await seedDemo(app.ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
