import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { taskRows } from '../../src/engine/caseIndex.ts';
import { PatchCase, RegisterCase } from '../../src/engine/cases.ts';
import type { CommandRequest } from '../../src/engine/commands.ts';
import { createServices } from '../../src/services.ts';
import { loadCase, loadSettings } from '../../src/engine/views.ts';
import { adultWoman } from '../support/app.ts';
import { testDatabaseKey } from '../support/keys.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const actor = { id: 'u-cw', roles: ['caseworker' as const, 'supervisor' as const] };
const interview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
const assessment = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };

function setup() {
  const repos = createRepositories(openDatabase(':memory:'));
  const services = createServices(repos, { clock: { now: () => NOW } });
  const c = services.cases.register(RegisterCase.parse(adultWoman), actor);
  return { repos, services, id: c.id };
}

/** The stored rows without the case id, and what a derivation from scratch gives now. */
const stored = (repos: Repositories, id: string) =>
  repos.tasks.ofCase(id).map((r) => {
    const { cursor: _, ...row } = r as typeof r & { cursor?: unknown };
    return row;
  });
const derived = (repos: Repositories, id: string) => taskRows(repos, loadCase(repos, id)!, loadSettings(repos), NOW);

/** Records every write to the tasks table (which workflow's row, which statement). */
function watchWrites(repos: Repositories): () => Array<{ op: string; workflow: string }> {
  const db = repos.db.$client;
  db.exec('create temp table task_writes (op text, workflow text)');
  for (const [op, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
    db.exec(`create temp trigger task_${op} after ${op} on tasks begin insert into task_writes values ('${op}', ${row}.workflow); end`);
  }
  return () => {
    const out = db.prepare('select op, workflow from task_writes').all() as Array<{ op: string; workflow: string }>;
    db.exec('delete from task_writes');
    return out;
  };
}

describe('stored tasks after commands', () => {
  it('a command on one workflow writes only that workflow\'s task rows; the others stay as they were', () => {
    const { repos, services, id } = setup();
    const repatriation = stored(repos, id).filter((t) => t.workflow === 'repatriation');
    expect(repatriation.length).toBeGreaterThan(0);
    const writes = watchWrites(repos);
    let v = 1;
    for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', interview], ['RECORD_ASSESSMENT', assessment], ['SUBMIT', {}]] as const) {
      const a = services.commands.apply({ caseId: id, workflow: 'screening', type, data: data as Record<string, unknown>, actor, ifMatch: v });
      expect(a.kind, type).toBe('applied');
      if (a.kind === 'applied') v = a.version;
      expect(writes().filter((w) => w.workflow !== 'screening'), type).toEqual([]);
    }
    expect(stored(repos, id).filter((t) => t.workflow === 'repatriation')).toEqual(repatriation);
    expect(stored(repos, id).map((t) => t.kind)).toContain('approve_screening');
    expect(stored(repos, id)).toEqual(derived(repos, id));
    // RETURN takes the approval task away again: the row is deleted, nothing else written.
    const back = services.commands.apply({ caseId: id, workflow: 'screening', type: 'RETURN', data: { reason: 'incomplete' }, actor, ifMatch: v });
    expect(back.kind).toBe('applied');
    expect(writes().filter((w) => w.workflow !== 'screening')).toEqual([]);
    expect(stored(repos, id).map((t) => t.kind)).not.toContain('approve_screening');
    expect(stored(repos, id)).toEqual(derived(repos, id));
  });

  it('a correction of the birth date (the case file) derives every workflow\'s tasks again', () => {
    const { repos, services, id } = setup();
    expect(stored(repos, id).map((t) => t.kind)).not.toContain('birth_registration');
    // Now a child without a birth document: the nationality workflow owes a birth registration (KP-NAT-03).
    services.cases.patch(id, PatchCase.parse({ person: { dateOfBirth: { exact: '2019-06-01' }, documents: [] } }), 1, actor);
    expect(stored(repos, id).map((t) => t.kind)).toContain('birth_registration');
    expect(stored(repos, id)).toEqual(derived(repos, id));
    // And back to an adult: the task goes.
    services.cases.patch(id, PatchCase.parse({ person: { dateOfBirth: { exact: '1994-02-11' } } }), 2, actor);
    expect(stored(repos, id).map((t) => t.kind)).not.toContain('birth_registration');
    expect(stored(repos, id)).toEqual(derived(repos, id));
  });

  it('in one batch, a command refused between two on the same case leaves the tasks of the applied ones', () => {
    const { repos, services, id } = setup();
    const cmd = (type: string, ifMatch: number, data: Record<string, unknown> = {}): CommandRequest => ({ caseId: id, workflow: 'screening', type, data, actor, ifMatch });
    const results = services.commands.applyBatch([
      cmd('START', 1), cmd('RECORD_INTERVIEW', 2, interview), cmd('RECORD_ASSESSMENT', 3, assessment),
      // A stale version: rolled back to its savepoint, after its tasks were derived in memory.
      cmd('SUBMIT', 3),
      cmd('SUBMIT', 4),
      // Means nothing in `submitted`: only its audit record is written.
      cmd('RECORD_INTERVIEW', 5, interview),
    ]);
    expect(results.map((r) => (r.ok ? r.outcome.kind : 'error'))).toEqual(['applied', 'applied', 'applied', 'conflict', 'applied', 'invalid']);
    expect(stored(repos, id).map((t) => t.kind)).toContain('approve_screening');
    expect(stored(repos, id)).toEqual(derived(repos, id));
  });

  it('rows written by another connection are read again, not taken from memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-tasks-'));
    try {
      const file = join(dir, 'kp.sqlite');
      const key = testDatabaseKey();
      const repos = createRepositories(openDatabase(file, { key }));
      const services = createServices(repos, { clock: { now: () => NOW } });
      const id = services.cases.register(RegisterCase.parse(adultWoman), actor).id;
      expect(stored(repos, id).length).toBeGreaterThan(0);
      // Another connection (the CLI, say) empties the case's task rows and commits.
      const other = openDatabase(file, { key });
      other.$client.prepare('delete from tasks where case_id = ?').run(id);
      other.$client.close();
      const a = services.commands.apply({ caseId: id, workflow: 'screening', type: 'START', actor, ifMatch: 1 });
      expect(a.kind).toBe('applied');
      expect(stored(repos, id).length).toBeGreaterThan(0);
      expect(stored(repos, id)).toEqual(derived(repos, id));
      repos.db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
