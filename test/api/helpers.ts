import { signIn as webSignIn } from '../support/web.ts';
import { expect } from 'vitest';
import { loadCase, openRecords } from '../../src/engine/views.ts';
import type { testApp } from '../support/app.ts';

/** Small readers over a test app's database, for "nothing changed but the audit trail" assertions. */
export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** The audit records opened as the engine's view layer reads them (the stored rows hold envelopes: `storedAuditRows`). */
export function auditRows(t: TestApp) {
  return openRecords(t.app.services.repos, t.app.services.repos.audit.list());
}

/** The audit records exactly as stored (what the chain and the Merkle tree hash). */
export function storedAuditRows(t: TestApp) {
  return t.app.services.repos.audit.list();
}

/** The case's version, every workflow state and the snapshots as stored. */
export function stored(t: TestApp, caseId: string) {
  const c = loadCase(t.app.services.repos, caseId);
  if (!c) throw new Error(`no case ${caseId}`);
  return {
    version: c.version,
    states: Object.fromEntries(c.workflows.map((w) => [`${w.kind}/${w.instance}`, w.state])),
    snapshots: JSON.stringify(c.workflows.map((w) => w.context)),
    facts: JSON.stringify(c.facts),
    evidence: c.evidence.length,
  };
}

/** Asserts the one error body shape and returns it. */
export function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toBeTypeOf('object');
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
  for (const k of Object.keys(res.body.error)) expect(['code', 'message', 'details']).toContain(k);
  return res.body.error as { code: string; message: string; details?: any };
}

/** Paths named by a VALIDATION error's details. */
export function issuePaths(error: { details?: any }): string[] {
  expect(Array.isArray(error.details), JSON.stringify(error)).toBe(true);
  return (error.details as Array<{ path: string; message: string }>).map((d) => {
    expect(typeof d.path).toBe('string');
    expect(typeof d.message).toBe('string');
    return d.path;
  });
}

/** Signs in on the reviewers' pages with a token (as a browser: test/support/web.ts); the Cookie header for page requests. */
export const signIn = (t: TestApp, token: string): Promise<string> => webSignIn(t.app, token);
