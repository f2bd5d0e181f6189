import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { GENESIS, verifyChain } from '../../src/audit/chain.ts';
import { run } from '../../src/cli.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, boy, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import { keyBeside } from '../support/keys.ts';

/** The tamper-evident audit chain (DESIGN.md "Audit is append-only and hash-chained"). */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const cw0 = caseworker;
const supervisor: Actor = { id: 'u-sup', roles: ['supervisor'] };
const sup0 = supervisor;

/** Fills a database with a few cases and commands: applied, refused and invalid records. */
function activity(services: Services, actors: { caseworker: Actor; supervisor: Actor } = { caseworker: cw0, supervisor: sup0 }): string {
  const { caseworker, supervisor } = actors;
  const c = services.cases.register(RegisterCase.parse(adultWoman), caseworker);
  services.cases.register(RegisterCase.parse(boy()), caseworker);
  let v = 1;
  for (const [type, data] of [['START', {}], ['SUBMIT', {}], ['RECORD_INTERVIEW', goodInterview], ['RECORD_ASSESSMENT', victimAssessment], ['SUBMIT', {}]] as const) {
    const answer = services.commands.apply({ caseId: c.id, workflow: 'screening', type, data: data as Record<string, unknown>, actor: caseworker, ifMatch: v });
    if (answer.kind === 'applied') v += 1;
  }
  services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'APPROVE', actor: supervisor, ifMatch: v });
  services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'APPROVE', actor: supervisor, ifMatch: v + 1 });
  services.cases.patch(c.id, { location: { kind: 'community', name: 'Lyon', state: 'FR' } }, v + 1, caseworker);
  return c.id;
}

const sql = (repos: Repositories, text: string) => repos.db.$client.exec(text);
const dropTriggers = (repos: Repositories) => {
  sql(repos, 'DROP TRIGGER audit_no_update');
  sql(repos, 'DROP TRIGGER audit_no_delete');
};

describe('verify() on the database', () => {
  let repos: Repositories;
  let services: Services;
  beforeEach(() => {
    repos = createRepositories(openDatabase(':memory:'));
    services = createServices(repos);
  });

  it('an empty chain is ok', () => {
    expect(services.queries.verify()).toEqual({ ok: true, records: 0 });
  });

  it('a fresh chain is ok, records are numbered from 1 and each hash is sha256(prevHash + canonical JSON)', () => {
    activity(services);
    const rows = repos.audit.list();
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.map((r) => r.result)).toEqual(expect.arrayContaining(['applied', 'refused']));
    expect(services.queries.verify()).toEqual({ ok: true, records: rows.length });
    let prev = GENESIS;
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.prevHash).toBe(prev);
      const { hash, ...rest } = r;
      expect(hash).toBe(createHash('sha256').update(prev + canonicalize(rest)).digest('hex'));
      prev = hash;
    });
    expect(rows[0]!.prevHash).toBe('0'.repeat(64));
  });

  it('the triggers forbid UPDATE and DELETE on audit records (and on evidence)', () => {
    const id = activity(services);
    services.cases.addEvidence(id, { kind: 'statement', summary: 's', concerns: 'general', tortureAllegation: 'none', source: 'x', at: '2024-01-01' }, caseworker);
    expect(() => sql(repos, `UPDATE audit SET type = 'FORGED' WHERE seq = 2`)).toThrow(/append-only/);
    expect(() => sql(repos, 'DELETE FROM audit WHERE seq = 2')).toThrow(/append-only/);
    expect(() => sql(repos, 'DELETE FROM audit')).toThrow(/append-only/);
    expect(() => sql(repos, `UPDATE evidence SET recorded_by = 'someone-else'`)).toThrow(/append-only/);
    expect(() => sql(repos, 'DELETE FROM evidence')).toThrow(/append-only/);
    expect(services.queries.verify().ok).toBe(true);
  });

  it('a changed row is reported as the first broken record', () => {
    activity(services);
    dropTriggers(repos);
    sql(repos, `UPDATE audit SET data = json('{"forged":true}') WHERE seq = 4`);
    const status = services.queries.verify();
    expect(status.ok).toBe(false);
    expect(status.firstBroken?.seq).toBe(4);
    expect(status.firstBroken?.reason).toMatch(/hash/);
  });

  it('changes to any column are detected (actor, result, verdicts, states, time)', () => {
    activity(services);
    dropTriggers(repos);
    const savepoint = (stmt: string) => {
      sql(repos, 'SAVEPOINT t');
      sql(repos, stmt);
      const status = services.queries.verify();
      sql(repos, 'ROLLBACK TO t');
      sql(repos, 'RELEASE t');
      return status;
    };
    // Record 4 is the refused SUBMIT (no interview, no assessment yet).
    expect(repos.audit.list()[3]).toMatchObject({ seq: 4, type: 'SUBMIT', result: 'refused' });
    for (const stmt of [
      `UPDATE audit SET actor = json('{"id":"someone-else","roles":["supervisor"]}') WHERE seq = 4`,
      `UPDATE audit SET result = 'applied' WHERE seq = 4`,
      `UPDATE audit SET verdicts = json('[]') WHERE seq = 4`,
      `UPDATE audit SET to_state = 'completed' WHERE seq = 4`,
      `UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 4`,
      `UPDATE audit SET justification = 'added later' WHERE seq = 4`,
    ]) {
      expect(savepoint(stmt), stmt).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
    }
    expect(services.queries.verify().ok).toBe(true);
  });

  it('a changed row whose hash was recomputed breaks the link of the next record', () => {
    activity(services);
    dropTriggers(repos);
    const row = repos.audit.list().find((r) => r.seq === 3)!;
    const forged = { ...row, data: { forged: true } };
    const { hash: _old, ...rest } = forged;
    const newHash = createHash('sha256').update(rest.prevHash + canonicalize(rest)).digest('hex');
    repos.db.$client.prepare('UPDATE audit SET data = ?, hash = ? WHERE seq = 3').run(JSON.stringify(forged.data), newHash);
    const status = services.queries.verify();
    expect(status).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
    expect(status.firstBroken?.reason).toMatch(/prevHash/);
  });

  it('a deleted row is reported at the record that follows the gap', () => {
    activity(services);
    const total = repos.audit.list().length;
    dropTriggers(repos);
    sql(repos, 'DELETE FROM audit WHERE seq = 3');
    const status = services.queries.verify();
    expect(status.ok).toBe(false);
    expect(status.firstBroken?.seq).toBe(4);
    expect(status.firstBroken?.reason).toMatch(/missing|order/);
    expect(status.records).toBeLessThan(total);
  });

  it('a deleted first row is reported', () => {
    activity(services);
    dropTriggers(repos);
    sql(repos, 'DELETE FROM audit WHERE seq = 1');
    expect(services.queries.verify()).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
  });

  it('swapped rows are reported at the first of them', () => {
    activity(services);
    dropTriggers(repos);
    sql(repos, 'UPDATE audit SET seq = -1 WHERE seq = 3');
    sql(repos, 'UPDATE audit SET seq = 3 WHERE seq = 4');
    sql(repos, 'UPDATE audit SET seq = 4 WHERE seq = -1');
    const status = services.queries.verify();
    expect(status.ok).toBe(false);
    expect(status.firstBroken?.seq).toBe(3);
  });

  it('a reordered chain is reported by verifyChain when records come out of order', () => {
    activity(services);
    const rows = repos.audit.list();
    const swapped = [rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
    expect(verifyChain(rows)).toMatchObject({ ok: true, records: rows.length });
  });
});

describe('GET /v1/audit/verify', () => {
  it('ok on a fresh chain, then names the first broken record after tampering', async () => {
    const t = await testApp();
    const empty = await t.request('reviewer', 'GET', '/v1/audit/verify');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ ok: true, records: 0 });
    // Real users: the application's services keep each case within its users' scope.
    activity(t.app.services, { caseworker: t.users.caseworker, supervisor: t.users.supervisor });
    const records = t.app.services.repos.audit.list().length;
    const ok = await t.request('admin', 'GET', '/v1/audit/verify');
    expect(ok.body).toEqual({ ok: true, records });
    dropTriggers(t.app.services.repos);
    sql(t.app.services.repos, `UPDATE audit SET type = 'FORGED' WHERE seq = 2`);
    const broken = await t.request('reviewer', 'GET', '/v1/audit/verify');
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    expect(typeof broken.body.firstBroken.reason).toBe('string');
    await t.close();
  });
});

describe('npm run cli -- audit verify', () => {
  let dir: string;
  let file: string;
  const saved = process.env['DATABASE_PATH'];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kp-chain-'));
    file = join(dir, 'kp.sqlite');
    process.env['DATABASE_PATH'] = file;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['DATABASE_PATH'];
    else process.env['DATABASE_PATH'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('exit 0 with { ok: true } on a sound chain, exit 1 naming the first broken record after tampering', async () => {
    const repos = createRepositories(openDatabase(file, { key: keyBeside(file) }));
    activity(createServices(repos));
    const records = repos.audit.list().length;
    repos.db.$client.close();

    const lines: string[] = [];
    expect(await run(['audit', 'verify'], (l) => lines.push(l))).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ ok: true, records });

    const raw = createRepositories(openDatabase(file, { key: keyBeside(file) }));
    dropTriggers(raw);
    sql(raw, 'DELETE FROM audit WHERE seq = 5');
    raw.db.$client.close();

    const after: string[] = [];
    expect(await run(['audit', 'verify'], (l) => after.push(l))).toBe(1);
    expect(JSON.parse(after[0]!)).toMatchObject({ ok: false, firstBroken: { seq: 6 } });
  });

  it('an empty database verifies', async () => {
    const lines: string[] = [];
    expect(await run(['audit', 'verify'], (l) => lines.push(l))).toBe(0);
    expect(JSON.parse(lines[0]!)).toEqual({ ok: true, records: 0 });
  });
});
