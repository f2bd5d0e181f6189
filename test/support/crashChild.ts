/**
 * Child process of test/engine/group-commit-crash.test.ts (run with `node --import tsx`): on the
 * database file given as argv[2] (synchronous=FULL), registers CASES cases and brings each
 * screening to in_progress, then applies one batch of RECORD_INTERVIEW commands through the group
 * commit and prints each acknowledged outcome as a JSON line, then
 * queues a second batch and kills itself with SIGKILL in the middle of it (on its third audit
 * insert, before its COMMIT). The parent checks the file: every acknowledged command is there,
 * nothing of the unacknowledged batch is.
 */
import { createRepositories, openDatabase } from '../../db/index.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { createServices } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, goodInterview } from './app.ts';
import { keyBeside } from './keys.ts';

const CASES = 6;
const path = process.argv[2];
if (!path) throw new Error('usage: crashChild.ts DATABASE_FILE');
const repos = createRepositories(openDatabase(path, { key: keyBeside(path), durability: 'full' }));
const services = createServices(repos, { groupCommit: { maxBatch: 64, maxWaitMs: 0 } });
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };

const ids: string[] = [];
for (let i = 0; i < CASES; i += 1) {
  const c = services.cases.register(RegisterCase.parse(adultWoman), caseworker);
  const started = services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: c.version });
  if (started.kind !== 'applied') throw new Error(JSON.stringify(started));
  ids.push(c.id);
}

const send = (id: string, version: number) => services.commits.submit({ caseId: id, workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview, actor: caseworker, ifMatch: version });

// Batch 1: acknowledged (its promises settle only after its COMMIT).
const first = await Promise.all(ids.map((id) => send(id, 2)));
for (const o of first) process.stdout.write(`${JSON.stringify({ ack: o })}\n`);

// Batch 2: dies on its third audit insert, after two commands of it have run in their savepoints.
const insert = repos.audit.insert.bind(repos.audit);
let inserts = 0;
repos.audit.insert = (row) => {
  inserts += 1;
  if (inserts === 3) process.kill(process.pid, 'SIGKILL');
  return insert(row);
};
const second = ids.map((id) => send(id, 3));
process.stdout.write(`${JSON.stringify({ queued: second.length })}\n`);
await Promise.all(second);
process.stdout.write(`${JSON.stringify({ error: 'still alive after the second batch' })}\n`);
