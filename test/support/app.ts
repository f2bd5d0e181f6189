import { Writable } from 'node:stream';
import { buildApp, type AppOptions } from '../../src/app.ts';
import { createUser } from '../../src/auth/tokens.ts';
import type { Role } from '../../workflows/roles.ts';

/**
 * A real app on a private in-memory SQLite database, with one user per role and captured logs.
 * `request` sends JSON with the role's bearer token.
 */
/** Tests move their clock years ahead (detention reviews, ages): their users' tokens must outlive it. */
const LONG_LIVED = { ttlDays: 365 * 100 };

/**
 * Many tests send deliberately bad tokens from the one inject address: throttling is out of their
 * way unless a test asks for it (`access: { authFailureLimit, authFailureWindowSeconds }`).
 */
const UNTHROTTLED = { authFailureLimit: 1_000_000 };

export async function testApp(options: { now?: () => string; audit?: AppOptions['audit']; access?: AppOptions['access'] } & Pick<AppOptions, 'trustProxy' | 'sessions'> = {}) {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const app = await buildApp({
    databasePath: ':memory:', logStream, ...(options.now ? { clock: { now: options.now } } : {}), ...(options.audit ? { audit: options.audit } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}), ...(options.sessions ? { sessions: options.sessions } : {}), access: options.access ?? UNTHROTTLED,
  });
  const at = new Date().toISOString();
  const roles: Role[] = ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'reviewer', 'policy', 'data_protection_officer', 'admin'];
  const users = Object.fromEntries(roles.map((r) => [r, createUser(app.services.repos, r, [r], at, LONG_LIVED)])) as Record<Role, ReturnType<typeof createUser>>;
  /** Extra users for four-eyes tests. */
  const extra = (name: string, ...rs: Role[]) => createUser(app.services.repos, name, rs, at, LONG_LIVED);

  async function request(as: Role | { token: string } | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const token = as === null ? undefined : typeof as === 'string' ? users[as].token : as.token;
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    let json: any;
    try {
      json = res.json();
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, body: json, raw: res };
  }

  /** Sends a command with the case's current version as If-Match. */
  async function command(as: Role | { token: string }, caseId: string, workflow: string, type: string, data?: Record<string, unknown>, extraBody: Record<string, unknown> = {}) {
    const current = await request('caseworker', 'GET', `/v1/cases/${caseId}`);
    return request(as, 'POST', `/v1/cases/${caseId}/commands`, { workflow, type, ...(data ? { data } : {}), ...extraBody }, { 'if-match': String(current.body.version) });
  }

  return { app, users, extra, request, command, logs, close: () => app.close() };
}

export const adultWoman = {
  person: {
    names: [{ given: 'Amina', family: 'Haddad', script: 'latin' }],
    sex: 'female',
    dateOfBirth: { exact: '1994-02-11' },
    nationalities: [{ state: 'FR', status: 'claimed' }],
    documents: [{ type: 'passport', number: 'P1234567', issuer: 'FR' }],
  },
  location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
};

export const boy = (dob = '2016-05-02') => ({
  person: { names: [{ given: 'Yusuf', family: 'Haddad', script: 'latin' }], sex: 'male', dateOfBirth: { exact: dob }, nationalities: [{ state: 'FR', status: 'claimed' }] },
  location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
});

export const goodInterview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
export const victimAssessment = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };

/** A jurisdiction version as `PUT /v1/jurisdictions/:code` takes it (WORKFLOWS.md "Jurisdiction data"). */
export const jurisdictionVersion = (code: string, validFrom: string, macrGeneral = 14) => ({
  code,
  name: `Test State ${code}`,
  macrGeneral,
  macrType: 'absolute',
  macrOffenceSpecific: [],
  deathPenaltyAvailable: false,
  lifeWithoutParoleForMinors: false,
  militaryOrSpecialCourtsForChildren: false,
  detentionReviewIntervalDays: 14,
  pretrialMaxDaysChild: 90,
  bidPanelMinMembers: 3,
  validFrom,
});
