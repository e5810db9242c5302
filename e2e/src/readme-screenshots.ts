// Regenerates the screenshots in README.md and docs/: `npm run build -w apps/web && node --import tsx e2e/src/readme-screenshots.ts`.
// Not a test: it drives the demo as a person would and saves what they would see.
import path from 'node:path';
import { repoRoot } from '../../apps/server/src/platform/config';
import { launchBrowser, newContext } from './support/browser';
import { startServer } from './support/server';

const OUT = path.join(repoRoot, 'docs/screenshots');

async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    const shot = async (name: string) => {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
    };
    const login = async (username: string) => {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill('Relief@2020');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('main-menu').waitFor();
    };
    await login('sgxt');
    await shot('workbench');
    for (const [kind, name] of [['risk-compensation', 'risk-compensation'], ['bridge-loan', 'bridge-loan'], ['guarantee', 'guarantee'], ['interest-subsidy', 'interest-subsidy']] as const) {
      await page.goto(`${server.url}/measures/${kind}`);
      await shot(name);
    }
    await page.goto(`${server.url}/calendar`);
    await shot('calendar');
    await page.goto(`${server.url}/policy`);
    await shot('policy');
  } finally {
    await browser.close();
    await server.stop();
  }
}

void main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
