// `npm test` runs the browser tests only where Chromium is installed, and says so when it is not.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`\n[e2e] SKIPPED: no Chromium at ${chromium} (install Debian's "chromium" package or set CHROMIUM_PATH); run "npm run test:e2e" where it exists.\n`);
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['run', '--silent', 'test:e2e'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
