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
 *
 * `assignAll` (default true): every case registered through the API is also assigned to the
 * bid_panel and legal_officer users, so tests written before need-to-know scope (issue 10) can
 * send their commands; scope tests pass `false` to see each role's own scope.
 */
const UNTHROTTLED = { authFailureLimit: 1_000_000 };

export async function testApp(options: { now?: () => string; audit?: AppOptions['audit']; access?: AppOptions['access']; assignAll?: boolean } & Pick<AppOptions, 'trustProxy' | 'sessions'> = {}) {
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
  const assignAll = options.assignAll !== false;
  /** Users every case is assigned to when `assignAll`: the roles whose scope is not their team's. */
  const assignees = new Set<string>(assignAll ? [users.bid_panel.id, users.legal_officer.id] : []);
  const outsideTeams = (rs: readonly Role[]) => rs.some((r) => r === 'bid_panel' || r === 'legal_officer');
  /** Extra users for four-eyes tests (in the default team; with `assignAll`, a panel member or legal officer is assigned every case). */
  const extra = (name: string, ...rs: Role[]) => {
    const u = createUser(app.services.repos, name, rs, at, LONG_LIVED);
    if (assignAll && outsideTeams(rs)) {
      assignees.add(u.id);
      for (const id of app.services.repos.cases.allIds()) app.services.repos.scope.assign(id, u.id);
    }
    return u;
  };
  /** An extra user in the teams named (need-to-know scope tests); never assigned by the fixture. */
  const member = (teamIds: readonly string[], name: string, ...rs: Role[]) => createUser(app.services.repos, name, rs, at, { ...LONG_LIVED, teamIds });
  if (assignAll) {
    const register = app.services.cases.register;
    app.services.cases.register = (input, actor) => {
      const c = register(input, actor);
      for (const u of assignees) app.services.repos.scope.assign(c.id, u);
      return c;
    };
  }

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

  /** A team created by the admin through the API; its id. */
  async function team(name: string, organisation?: string): Promise<string> {
    const r = await request('admin', 'POST', '/v1/teams', { name, ...(organisation ? { organisation } : {}) });
    if (r.status !== 201) throw new Error(`team ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  }

  return { app, users, extra, member, team, request, command, logs, close: () => app.close() };
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
