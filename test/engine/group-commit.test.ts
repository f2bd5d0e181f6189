import { beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import type { CommandRequest } from '../../src/engine/commands.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, goodInterview } from '../support/app.ts';

/**
 * Group commit (issue 13): commands queued together share one transaction, each in its own
 * SAVEPOINT; per-command semantics are those of one command at a time.
 */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const caseworker2: Actor = { id: 'u-cw2', roles: ['caseworker'] };

let repos: Repositories;
let services: Services;
let commits: number;

beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
  services = createServices(repos, { groupCommit: { maxBatch: 64, maxWaitMs: 0 } });
  commits = 0;
  repos.onCommit(() => (commits += 1));
});

function started(): string {
  const c = services.cases.register(RegisterCase.parse(adultWoman), caseworker);
  const o = services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 });
  expect(o.kind).toBe('applied');
  return c.id;
}

const interview = (caseId: string, ifMatch = 2, extra: Partial<CommandRequest> = {}): CommandRequest => ({ caseId, workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview, actor: caseworker, ifMatch, ...extra });

/** Submits every request in the same event-loop turn: they form one batch. */
async function together(reqs: CommandRequest[]) {
  const before = commits;
  const settled = await Promise.allSettled(reqs.map((r) => services.commits.submit(r)));
  return { settled, commits: commits - before };
}

describe('group commit', () => {
  it('commands queued together commit once, in queue order: the audit chain order is the commit order', async () => {
    const ids = [started(), started(), started(), started()];
    const { settled, commits: n } = await together(ids.map((id) => interview(id)));
    expect(n).toBe(1);
    const outcomes = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    expect(outcomes.map((o) => o?.kind)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const seqs = outcomes.map((o) => (o?.kind === 'applied' ? o.auditSeq : 0));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(4);
    expect(services.queries.verify()).toMatchObject({ ok: true });
  });

  it('a command that fails rolls back to its savepoint only: the others of the batch are kept', async () => {
    const [a, b, c] = [started(), started(), started()];
    const insert = repos.audit.insert.bind(repos.audit);
    let calls = 0;
    repos.audit.insert = (row) => {
      calls += 1;
      if (calls === 2) throw new Error('disk on fire');
      return insert(row);
    };
    const { settled, commits: n } = await together([interview(a), interview(b), interview(c)]);
    expect(n).toBe(1);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: new Error('disk on fire') });
    // b: no snapshot, no version bump, no audit record.
    expect(repos.cases.get(b)?.version).toBe(2);
    expect(repos.audit.list({ caseId: b }).map((r) => r.type)).toEqual(['CASE_REGISTERED', 'START']);
    for (const id of [a, c]) expect(repos.cases.get(id)?.version).toBe(3);
    expect(services.queries.verify()).toMatchObject({ ok: true });
  });

  it('a refused command in a batch writes only its audit record', async () => {
    const [a, b] = [started(), started()];
    const { settled } = await together([{ caseId: a, workflow: 'screening', type: 'SUBMIT', actor: caseworker, ifMatch: 2 }, interview(b)]);
    const [refused, applied] = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    expect(refused).toMatchObject({ kind: 'refused', state: 'in_progress' });
    expect(applied?.kind).toBe('applied');
    expect(repos.cases.get(a)?.version).toBe(2);
    expect(repos.audit.list({ caseId: a }).map((r) => [r.type, r.result])).toEqual([['CASE_REGISTERED', 'applied'], ['START', 'applied'], ['SUBMIT', 'refused']]);
  });

  it('If-Match holds inside a batch: of two commands decided on the same version the second is a conflict', async () => {
    const id = started();
    const { settled } = await together([interview(id), interview(id, 2, { actor: caseworker2 })]);
    const [first, second] = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    expect(first?.kind).toBe('applied');
    expect(second).toMatchObject({ kind: 'conflict', code: 'VERSION_CONFLICT', currentVersion: 3 });
    expect(repos.audit.list({ caseId: id }).filter((r) => r.type === 'RECORD_INTERVIEW')).toHaveLength(1);
  });

  it('an idempotent retry inside the same batch replays the first answer', async () => {
    const id = started();
    const { settled, commits: n } = await together([interview(id, 2, { idempotencyKey: 'k1' }), interview(id, 2, { idempotencyKey: 'k1' })]);
    expect(n).toBe(1);
    const [first, replay] = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    expect(first?.kind).toBe('applied');
    expect(replay).toEqual(first);
    expect(repos.audit.list({ caseId: id }).filter((r) => r.type === 'RECORD_INTERVIEW')).toHaveLength(1);
    expect(repos.cases.get(id)?.version).toBe(3);
  });

  it('a batch over maxBatch is split into several transactions, in order', async () => {
    const bounded = createServices(repos, { groupCommit: { maxBatch: 2, maxWaitMs: 0 } });
    const ids = [started(), started(), started()];
    const before = commits;
    const outcomes = await Promise.all(ids.map((id) => bounded.commits.submit(interview(id))));
    expect(commits - before).toBe(2);
    expect(bounded.commits.stats()).toEqual({ batches: 2, largest: 2 });
    expect(outcomes.map((o) => o.kind)).toEqual(['applied', 'applied', 'applied']);
  });

  it('a database failure of the batch (disk full) fails every command of it and writes nothing', async () => {
    const ids = [started(), started()];
    const client = repos.db.$client;
    const pages = Number(client.pragma('page_count', { simple: true }));
    client.pragma(`max_page_count = ${pages}`);
    const { settled } = await together(ids.map((id) => interview(id, 2, { justification: 'x'.repeat(9_000) })));
    expect(settled.every((s) => s.status === 'rejected' && (s.reason as { code?: string }).code === 'SQLITE_FULL')).toBe(true);
    for (const id of ids) expect(repos.cases.get(id)?.version).toBe(2);
    client.pragma('max_page_count = 1073741823');
    const again = await together(ids.map((id) => interview(id)));
    expect(again.settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
  });
});
