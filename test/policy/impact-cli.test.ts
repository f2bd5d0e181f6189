import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.ts';
import { progressBar } from '../../src/scenarios/impactText.ts';

let dir: string;
const saved = process.env['DATABASE_PATH'];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kp-impact-cli-'));
  process.env['DATABASE_PATH'] = join(dir, 'kp.sqlite');
});
afterEach(() => {
  if (saved === undefined) delete process.env['DATABASE_PATH'];
  else process.env['DATABASE_PATH'] = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run cli -- impact', () => {
  it('reads the database at DATABASE_PATH and prints the totals (an empty one: nothing changes)', async () => {
    const lines: string[] = [];
    expect(await run(['impact', '--settings', '{"bidPanelMinMembers":4}'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/^0 of 0 commands on 0 cases would be decided differently/);
    const json: string[] = [];
    expect(await run(['impact', '--settings', '{"bidPanelMinMembers":4}', '--json'], (l) => json.push(l))).toBe(0);
    expect(JSON.parse(json[0]!)).toMatchObject({ source: 'cases', changed: 0, change: { settings: { bidPanelMinMembers: 4 } } });
  });

  it('answers a bad change with the error shape and exit 1, and prints usage without a change', async () => {
    const lines: string[] = [];
    expect(await run(['impact', '--settings', '{"bidPanelMinMembers":1}'], (l) => lines.push(l))).toBe(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(await run(['impact'], () => undefined)).toBe(2);
  });

  it('draws a progress bar in place, redrawn only when it moves', () => {
    const drawn: string[] = [];
    const bar = progressBar('records', (s) => drawn.push(s));
    bar(0, 1000);
    bar(1, 1000);
    bar(500, 1000);
    bar(1000, 1000);
    expect(drawn).toEqual([`\r[${'-'.repeat(40)}] 0% 0/1000 records`, `\r[${'#'.repeat(20)}${'-'.repeat(20)}] 50% 500/1000 records`, `\r[${'#'.repeat(40)}] 100% 1000/1000 records`]);
  });
});
