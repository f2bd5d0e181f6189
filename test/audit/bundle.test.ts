import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, verifyBundle } from '../../tools/audit-verify.mjs';
import { run } from '../../src/cli.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';

/** Proof bundles in case history exports, checked offline (issues 15.4, 15.5). */
type T = Awaited<ReturnType<typeof testApp>>;
const clone = <X>(x: X): X => JSON.parse(JSON.stringify(x)) as X;

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
    const id = (await t.request('caseworker', 'POST', '/v1/cases', adultWoman)).body.id as string;
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT');
    const { items, proofs } = await history('caseworker', id);
    expect(proofs.records.map((r: { seq: number }) => r.seq)).toEqual(items.map((r) => r.seq));
    // The hashed form beside the readable one is the stored record itself.
    expect(proofs.records.map((r: { hashed: unknown }) => r.hashed)).toEqual(items);
    expect(verifyBundle(proofs, vkey)).toMatchObject({ ok: true, checked: items.length, failures: [] });
    const file = join(dir, 'history.json');
    writeFileSync(file, JSON.stringify({ records: items, proofs }));
    const tool = spawnSync(process.execPath, [join(process.cwd(), 'tools', 'audit-verify.mjs'), file, '--key', vkey], { encoding: 'utf8' });
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
    const id = (await t.request('caseworker', 'POST', '/v1/cases', adultWoman)).body.id as string;
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
    expect(verifyBundle(reordered, vkey).failures.map((f) => f.reason)).toContain('records are out of log order or repeated');

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
    const tool = spawnSync(process.execPath, [join(process.cwd(), 'tools', 'audit-verify.mjs'), file, '--key', vkey], { encoding: 'utf8' });
    expect(tool.status).toBe(1);
    expect(tool.stdout).toMatch(new RegExp(`FAIL record ${seq1}: the record does not hash to its chain hash`));
  });

  it("a child's record read by a reviewer travels as hashes only (its hashed form would undo the redaction); presence still verifies", async () => {
    const id = (await t.request('caseworker', 'POST', '/v1/cases', boy())).body.id as string;
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
    expect(asCaseworkerSees.body.proofs.records[0].hashed).toEqual(asCaseworkerSees.body.items[0]);
  });

  it("GET /v1/audit?form=hashed gives an adult's records exactly as the log hashes them", async () => {
    await t.request('caseworker', 'POST', '/v1/cases', adultWoman);
    const hashed = await t.request('reviewer', 'GET', '/v1/audit?form=hashed');
    expect(hashed.status).toBe(200);
    const r = hashed.body.items[0];
    expect(chainHash(r)).toBe(r.hash);
    expect((await t.request('reviewer', 'GET', '/v1/audit?form=raw')).status).toBe(400);
  });
});
