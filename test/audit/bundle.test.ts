import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, verifyBundle } from '../../tools/audit-verify.mjs';
import { run } from '../../src/cli.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';

/** Proof bundles in case history exports, checked offline (issues 15.4, 15.5). */
type T = Awaited<ReturnType<typeof testApp>>;
const clone = <X>(x: X): X => JSON.parse(JSON.stringify(x)) as X;
/** The standalone verifier on a saved bundle, with plain node (what a recipient runs). */
const verifyFile = (file: string, vkey: string, ...flags: string[]) =>
  spawnSync(process.execPath, [join(process.cwd(), 'tools', 'audit-verify.mjs'), file, '--key', vkey, ...flags], { encoding: 'utf8' });

describe('proof bundles', () => {
  let t: T;
  let dir: string;
  let vkey: string;
  beforeEach(async () => {
    t = await testApp();
    dir = mkdtempSync(join(tmpdir(), 'kp-bundle-'));
    vkey = (await t.request('reviewer', 'GET', '/v1/audit/key')).body.vkey;
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function history(role: 'caseworker' | 'reviewer', id: string) {
    const res = await t.request(role, 'GET', `/v1/cases/${id}/history?proofs=true`);
    expect(res.status).toBe(200);
    return res.body as { items: Array<Record<string, unknown>>; proofs: any };
  }

  it('every record of an exported history verifies offline with the public key only: tools/audit-verify.mjs (plain node) and the CLI', async () => {
    const id = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT');
    const { items, proofs } = await history('caseworker', id);
    expect(proofs.records.map((r: { seq: number }) => r.seq)).toEqual(items.map((r) => r.seq));
    // The hashed form beside the readable one is the stored record itself: personal fields as envelopes.
    const stored = t.app.services.repos.audit.list({ caseId: id });
    expect(proofs.records.map((r: { hashed: unknown }) => r.hashed)).toEqual(stored);
    expect(JSON.stringify(stored)).not.toContain(adultWoman.person.names[0]!.given);
    expect(JSON.stringify(stored)).toContain('enc:v1:');
    expect(items[0]).toMatchObject({ type: 'CASE_REGISTERED', data: { facts: { person: { names: adultWoman.person.names } } } });
    expect(verifyBundle(proofs, vkey)).toMatchObject({ ok: true, checked: items.length, failures: [] });
    const file = join(dir, 'history.json');
    writeFileSync(file, JSON.stringify({ records: items, proofs }));
    const tool = verifyFile(file, vkey);
    expect(tool.status).toBe(0);
    expect(tool.stdout).toMatch(new RegExp(`^OK ${items.length} record\\(s\\) included`));
    const lines: string[] = [];
    process.env['DATABASE_PATH'] = join(dir, 'cli.sqlite');
    try {
      expect(await run(['audit', 'verify-proof', file, '--key', vkey], (l) => lines.push(l))).toBe(0);
    } finally {
      delete process.env['DATABASE_PATH'];
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: true, checked: items.length });
  });

  it('a tampered, re-hashed, reordered or foreign record, a forged checkpoint or another key fails, naming the record', async () => {
    const id = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT');
    const { proofs } = await history('caseworker', id);
    const seq1 = proofs.records[1].seq;

    const tampered = clone(proofs);
    tampered.records[1].hashed.type = 'FORGED';
    expect(verifyBundle(tampered, vkey)).toMatchObject({ ok: false, failures: [{ seq: seq1, reason: expect.stringMatching(/chain hash/) }] });

    const rehashed = clone(proofs);
    rehashed.records[1].hashed.type = 'FORGED';
    rehashed.records[1].hashed.hash = chainHash(rehashed.records[1].hashed);
    expect(verifyBundle(rehashed, vkey)).toMatchObject({ ok: false, failures: [{ seq: seq1, reason: expect.stringMatching(/inclusion proof/) }] });

    const reordered = clone(proofs);
    reordered.records = [reordered.records[1], reordered.records[0], ...reordered.records.slice(2)];
    expect(verifyBundle(reordered, vkey).failures.map((f) => f.reason)).toContain(`record ${proofs.records[0].seq} is out of log order (it comes after record ${seq1})`);

    const wrongProof = clone(proofs);
    wrongProof.records[0].proof = [...wrongProof.records[0].proof].reverse();
    if (wrongProof.records[0].proof.length > 1) expect(verifyBundle(wrongProof, vkey).ok).toBe(false);

    const forgedCheckpoint = clone(proofs);
    forgedCheckpoint.checkpoint.note = forgedCheckpoint.checkpoint.note.replace(/\n(\d+)\n/, (_m: string, n: string) => `\n${Number(n) + 1}\n`);
    expect(verifyBundle(forgedCheckpoint, vkey)).toMatchObject({ ok: false, failures: [{ seq: null, reason: expect.stringMatching(/no valid signature/) }] });

    const other = await testApp();
    const otherKey = (await other.request('reviewer', 'GET', '/v1/audit/key')).body.vkey;
    await other.close();
    expect(verifyBundle(proofs, otherKey).ok).toBe(false);

    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(tampered));
    const tool = verifyFile(file, vkey);
    expect(tool.status).toBe(1);
    expect(tool.stdout).toMatch(new RegExp(`FAIL record ${seq1}: the record does not hash to its chain hash`));
  });

  it('a record left out of the bundle, added from another case, or a forged list of the case\'s records is detected from the bundle alone (v2)', async () => {
    const id = await register(t, adultWoman);
    const otherId = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', otherId, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT');
    await t.command('caseworker', id, 'screening', 'RETURN', { reason: 'more interviews' });
    const { items, proofs } = await history('caseworker', id);
    expect(proofs.format).toBe('kp-audit-proof-bundle/v2');
    expect(proofs.caseRecords).toMatchObject({ caseId: id, from: 1, to: proofs.checkpoint.size });
    expect(verifyBundle(proofs, vkey)).toMatchObject({ ok: true, complete: true, caseId: id, checked: items.length });
    const seqs = items.map((r) => r.seq as number);

    for (const at of [0, 1, items.length - 1]) {
      const removed = clone(proofs);
      removed.records.splice(at, 1);
      expect(verifyBundle(removed, vkey)).toMatchObject({ ok: false, failures: [{ seq: seqs[at], reason: `record ${seqs[at]} of case ${id} is missing from the bundle` }] });
    }

    // A record of another case, with its own valid inclusion proof, slipped in.
    const foreign = (await history('caseworker', otherId)).proofs;
    const added = clone(proofs);
    const intruder = foreign.records.find((r: { seq: number }) => r.seq > seqs[0]!);
    added.records = [...added.records, intruder].sort((a: { seq: number }, b: { seq: number }) => a.seq - b.seq);
    if (foreign.checkpoint.size === proofs.checkpoint.size) {
      expect(verifyBundle(added, vkey).failures.map((f) => f.reason)).toContain(`record ${intruder.seq} is not one of case ${id}'s records from 1 to ${proofs.checkpoint.size}`);
    } else {
      expect(verifyBundle(added, vkey).ok).toBe(false);
    }

    // Dropping a record from the signed list breaks its signature; dropping the list fails too.
    const forged = clone(proofs);
    forged.caseRecords.note = forged.caseRecords.note.replace(/seqs (\d+),/, 'seqs ');
    expect(verifyBundle(forged, vkey).failures.map((f) => f.reason)).toContain("no valid signature by " + vkey.split('+')[0] + " on the list of the case's records");
    const noList = clone(proofs);
    delete noList.caseRecords;
    expect(verifyBundle(noList, vkey).ok).toBe(false);

    // A v1 bundle (no list) still verifies each record, and says a removal cannot be detected.
    const v1 = clone(proofs);
    v1.format = 'kp-audit-proof-bundle/v1';
    delete v1.caseRecords;
    expect(verifyBundle(v1, vkey)).toMatchObject({ ok: true, complete: false });

    const file = join(dir, 'removed.json');
    const removed = clone(proofs);
    removed.records.splice(1, 1);
    writeFileSync(file, JSON.stringify(removed));
    const tool = verifyFile(file, vkey);
    expect(tool.status).toBe(1);
    expect(tool.stdout).toContain(`FAIL record ${seqs[1]}: record ${seqs[1]} of case ${id} is missing from the bundle`);
    writeFileSync(file, JSON.stringify(proofs));
    const ok = verifyFile(file, vkey);
    expect(ok.stdout).toContain(`every record of case ${id} from 1 to ${proofs.checkpoint.size} is present`);
  });

  it('a duplicated or reordered record fails with a message naming it, in tools/audit-verify.mjs and the CLI alike (v2)', async () => {
    const id = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT');
    const { items, proofs } = await history('caseworker', id);
    const [s0, s1] = items.map((r) => r.seq as number);
    const duplicated = clone(proofs);
    duplicated.records.splice(1, 0, clone(duplicated.records[1]));
    const reordered = clone(proofs);
    reordered.records = [reordered.records[1], reordered.records[0], ...reordered.records.slice(2)];
    const cases = [
      { bundle: duplicated, reason: `record ${s1} appears more than once` },
      { bundle: reordered, reason: `record ${s0} is out of log order (it comes after record ${s1})` },
    ];
    process.env['DATABASE_PATH'] = join(dir, 'cli.sqlite');
    try {
      for (const { bundle, reason } of cases) {
        // Every record in it is genuine and included: only the order or the count gives it away.
        expect(verifyBundle(bundle, vkey)).toMatchObject({ ok: false, complete: true, failures: [{ seq: expect.any(Number), reason }] });
        const file = join(dir, 'bad.json');
        writeFileSync(file, JSON.stringify({ records: items, proofs: bundle }));
        const tool = verifyFile(file, vkey);
        expect(tool.status).toBe(1);
        expect(tool.stdout).toContain(`: ${reason}\n`);
        const lines: string[] = [];
        expect(await run(['audit', 'verify-proof', file, '--key', vkey], (l) => lines.push(l))).toBe(1);
        expect(JSON.parse(lines[0]!).failures.map((f: { reason: string }) => f.reason)).toEqual([reason]);
      }
    } finally {
      delete process.env['DATABASE_PATH'];
    }
  });

  it('the CLI detects a removed or foreign record from the bundle alone, and --complete refuses a bundle relabelled v1 to hide a removal', async () => {
    const id = await register(t, adultWoman);
    const otherId = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', otherId, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT');
    // One checkpoint for both exports, so the foreign record's proof is against the same root.
    await t.request('reviewer', 'POST', '/v1/audit/checkpoint');
    const { items, proofs } = await history('caseworker', id);
    const foreign = (await history('caseworker', otherId)).proofs;
    expect(foreign.checkpoint.size).toBe(proofs.checkpoint.size);
    const seqs = items.map((r) => r.seq as number);
    const removed = clone(proofs);
    removed.records.splice(1, 1);
    const intruder = foreign.records.find((r: { seq: number }) => r.seq > seqs[0]! && r.seq < seqs.at(-1)!);
    const added = clone(proofs);
    added.records = [...added.records, intruder].sort((a: { seq: number }, b: { seq: number }) => a.seq - b.seq);
    const relabelled = clone(removed);
    relabelled.format = 'kp-audit-proof-bundle/v1';
    delete relabelled.caseRecords;

    const cli = async (bundle: unknown, ...flags: string[]) => {
      const file = join(dir, 'bundle.json');
      writeFileSync(file, JSON.stringify(bundle));
      const lines: string[] = [];
      process.env['DATABASE_PATH'] = join(dir, 'cli.sqlite');
      try {
        const code = await run(['audit', 'verify-proof', file, '--key', vkey, ...flags], (l) => lines.push(l));
        const tool = verifyFile(file, vkey, ...flags);
        expect(tool.status).toBe(code);
        return { code, result: JSON.parse(lines[0]!) as { ok: boolean; complete: boolean; failures: Array<{ reason: string }> }, stdout: tool.stdout };
      } finally {
        delete process.env['DATABASE_PATH'];
      }
    };
    const gone = await cli(removed);
    expect(gone.code).toBe(1);
    expect(gone.result.failures.map((f) => f.reason)).toEqual([`record ${seqs[1]} of case ${id} is missing from the bundle`]);
    const extra = await cli(added);
    expect(extra.code).toBe(1);
    expect(extra.result.failures.map((f) => f.reason)).toEqual(expect.arrayContaining([`record ${intruder.seq} is not one of case ${id}'s records from 1 to ${proofs.checkpoint.size}`, `record ${intruder.seq} belongs to another case`]));
    // Relabelled v1, the removal passes a lenient check (and says it cannot rule one out) but not --complete.
    const lenient = await cli(relabelled);
    expect(lenient).toMatchObject({ code: 0, result: { ok: true, complete: false } });
    expect(lenient.stdout).toContain('a removed record cannot be detected');
    const strict = await cli(relabelled, '--complete');
    expect(strict.code).toBe(1);
    expect(strict.result.failures.map((f) => f.reason)).toEqual(["the bundle has no signed list of the case's records (v1 format): a removed record cannot be ruled out"]);
    expect(strict.stdout).toContain('FAIL checkpoint: the bundle has no signed list');
    expect((await cli(proofs, '--complete')).code).toBe(0);
  });

  it('a page of the history carries the list of the case\'s records in the page\'s range only; the last page runs to the checkpoint', async () => {
    const id = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT');
    await t.command('caseworker', id, 'screening', 'RETURN', { reason: 'more interviews' });
    const first = (await t.request('caseworker', 'GET', `/v1/cases/${id}/history?proofs=true&limit=2`)).body;
    expect(first.items).toHaveLength(2);
    expect(first.proofs.caseRecords).toMatchObject({ from: 1, to: first.items[1].seq });
    expect(verifyBundle(first.proofs, vkey)).toMatchObject({ ok: true, complete: true });
    const second = (await t.request('caseworker', 'GET', `/v1/cases/${id}/history?proofs=true&limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.proofs.caseRecords).toMatchObject({ from: Number(first.nextCursor) + 1, to: second.proofs.checkpoint.size });
    expect(verifyBundle(second.proofs, vkey)).toMatchObject({ ok: true, complete: true });
    const cut = clone(second.proofs);
    cut.records.pop();
    expect(verifyBundle(cut, vkey).ok).toBe(false);
  });

  it("a child's record read by a reviewer travels as hashes only (its hashed form would undo the redaction); presence still verifies", async () => {
    const id = await register(t, boy());
    const { items, proofs } = await history('reviewer', id);
    expect(items[0]).toMatchObject({ redacted: true });
    expect(proofs.records[0]).toMatchObject({ withheld: 'redacted', leafHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(proofs.records[0].hashed).toBeUndefined();
    const text = JSON.stringify(proofs);
    for (const secret of JSON.stringify(boy().person.names).match(/"(given|family)":"([^"]+)"/g) ?? []) expect(text).not.toContain(secret.split(':')[1]!.replace(/"/g, ''));
    expect(verifyBundle(proofs, vkey)).toMatchObject({ ok: true, withheld: 1 });
    // GET /v1/audit?form=hashed follows the same rule.
    const hashed = await t.request('reviewer', 'GET', '/v1/audit?form=hashed');
    expect(hashed.body.items[0]).toMatchObject({ seq: 1, withheld: 'redacted' });
    const asCaseworkerSees = await t.request('caseworker', 'GET', `/v1/cases/${id}/history?proofs=true`);
    expect(asCaseworkerSees.body.proofs.records[0].hashed).toEqual(t.app.services.repos.audit.list({ caseId: id })[0]);
  });

  it("GET /v1/audit?form=hashed gives an adult's records exactly as the log hashes them", async () => {
    await register(t, adultWoman);
    const hashed = await t.request('reviewer', 'GET', '/v1/audit?form=hashed');
    expect(hashed.status).toBe(200);
    const r = hashed.body.items[0];
    expect(chainHash(r)).toBe(r.hash);
    // Exactly as the log hashes them: the person's fields are envelopes, no key needed to verify.
    expect(JSON.stringify(r)).not.toContain(adultWoman.person.names[0]!.given);
    expect(r.data.facts.person.names[0].given).toMatch(/^enc:v1:/);
    expect((await t.request('reviewer', 'GET', '/v1/audit?form=raw')).status).toBe(400);
  });
});
