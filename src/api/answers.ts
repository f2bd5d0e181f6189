import { z } from 'zod';
import { CreatedUser, Pending, IssuedToken, Agreement, DecidedRequest, RevokedToken, RevokedTokens, SecurityEvent, Team, User } from './shapes/access.ts';
import { Forks, ForkReport, LogKey, Verification, VerificationProgress } from './shapes/audit.ts';
import { AuditRecord, BreakGlass, CaseExport, CaseFile, CaseListItem, CommandAnswer, Dossier, Evidence, History, Read, Task, Trace } from './shapes/cases.ts';
import { Checkpoint, ConsistencyProof, ErrorBody, InclusionProof, Text, list, page } from './shapes/common.ts';
import { AssistanceEligibility, Diagram, ImpactReport, Jurisdiction, JurisdictionDetail, JurisdictionStored, Principles, RuleSetSource, RuleSets, RulesCatalogue, ScenarioRun, Settings, SettingsStored, Workflow } from './shapes/policy.ts';

/**
 * What every route answers, for the API reference (OpenAPI, /docs, docs/api.md): its successes
 * and the answers that are not the one error shape (a page, the health report). Documentation
 * only — routes are not serialized through these (a drift would become a 500, and a missing field
 * would be dropped) — and kept honest by test/api/answers.test.ts, which parses one real answer of
 * every route with them. Errors in the one shape are added to every operation by
 * openapiResponses.ts. The user routes' 201 and 202 are their own response schemas (serialized).
 */
export interface Answer {
  description: string;
  /** The body: JSON unless `media` says otherwise. */
  schema: z.ZodType;
  media?: 'text/html' | 'text/plain';
  /** The same answer in another form, chosen by a query parameter (`format=`). */
  alternative?: { media: 'text/html' | 'text/plain'; description: string };
  /** A redirect: no body, the target in Location. */
  location?: string;
}

const json = (description: string, schema: z.ZodType): Answer => ({ description, schema });
const html = (description: string): Answer => ({ description, schema: Text, media: 'text/html' });
const redirect = (description: string, location: string): Answer => ({ description, schema: z.literal(''), location });
/** A reviewers' page: HTML, or off to sign in without a session. */
const webPage = (description: string) => ({ 200: html(description), 302: redirect('no session: to the sign-in page', '/ui/sign-in?next=…') });
const webJson = (description: string, schema: z.ZodType) => ({ 200: json(description, schema), 302: redirect('no session: to the sign-in page', '/ui/sign-in?next=…'), 400: json('a malformed number (VALIDATION naming the parameter)', ErrorBody) });

const Health = z.looseObject({
  ok: z.boolean(),
  status: z.enum(['degraded', 'corrupt']).optional().describe('when the database cannot write'),
  reason: z.string().optional(),
  since: z.string().optional(),
  audit: z.looseObject({ forked: z.literal(true), lastFork: z.looseObject({ at: z.string(), reportedBy: z.string() }) }).optional().describe('a fork of the audit log was reported'),
});

/** Answers per route (`METHOD path` as fastify names it) and status. */
export const ANSWERS: Readonly<Record<string, Readonly<Record<number, Answer>>>> = {
  'GET /health': { 200: json('`{ ok: true }`, or `ok: false` with the reason when writes are refused', Health), 503: json('the database is corrupt (restore from a backup)', Health) },

  'POST /v1/cases': { 201: json('the registered case file', CaseFile) },
  'GET /v1/cases': { 200: json('a page of cases', page(CaseListItem)) },
  'GET /v1/cases/:id': { 200: json('the case file, its workflows and the commands available now', CaseFile) },
  'PATCH /v1/cases/:id': { 200: json('the updated case file', CaseFile) },
  'POST /v1/cases/:id/evidence': { 201: json('the evidence item, with the new case version', Evidence) },
  'POST /v1/cases/:id/commands': {
    200: json('applied (`applied: true`)', CommandAnswer.extend({ applied: z.literal(true), outcome: z.string().optional(), members: z.array(z.string()).optional() })),
    202: json('waiting for a second approver (2ND): `pending.id` and the role it needs', CommandAnswer.extend({ applied: z.literal(false), pending: z.looseObject({ id: z.string(), requiredRole: z.string() }) })),
  },
  'GET /v1/cases/:id/history': { 200: json("the case's audit records, oldest first (`nextCursor` when paged, `proofs` with proofs=true)", History) },
  'GET /v1/cases/:id/reads': { 200: json("a page of reads of the child's record, oldest first", page(Read)) },
  'GET /v1/cases/:id/dossier': { 200: { ...json('the dossier: only the agreement\'s fields, with the disclosure\'s proofs', Dossier), alternative: { media: 'text/html', description: 'format=html: the printable dossier' } } },
  'POST /v1/cases/:id/break-glass': { 201: json('the grant, active until expiresAt', BreakGlass) },
  'GET /v1/cases/:id/break-glass': { 200: json('the grants on the case', list(BreakGlass)) },
  'POST /v1/cases/:id/break-glass/:breakGlassId/review': { 200: json('the grant, reviewed', BreakGlass) },

  'GET /v1/audit': { 200: json('a page of audit records (with form=hashed, each as the log hashes it)', page(AuditRecord.or(z.looseObject({ seq: z.number().int(), hash: z.string() })))) },
  'GET /v1/audit/verify': { 200: json('whether the log verifies, and where it first breaks', Verification) },
  'GET /v1/audit/verify/progress': { 200: json('the running or last full verification', VerificationProgress) },
  'GET /v1/audit/checkpoint': { 200: json('the latest signed checkpoint with its cosignatures', Checkpoint) },
  'POST /v1/audit/checkpoint': { 201: json('the checkpoint of the log as it is now', Checkpoint) },
  'GET /v1/audit/checkpoints': { 200: json('a page of signed checkpoints, oldest first', page(Checkpoint)) },
  'GET /v1/audit/key': { 200: json("the log's public key", LogKey) },
  'GET /v1/audit/proof/inclusion': { 200: json('the inclusion proof', InclusionProof) },
  'GET /v1/audit/proof/consistency': { 200: json('the consistency proof', ConsistencyProof) },
  'POST /v1/audit/cosignatures': { 201: json('the checkpoint with the cosignature stored', Checkpoint) },
  'POST /v1/audit/forks': { 201: json('the fork, recorded (and in the security log)', ForkReport) },
  'GET /v1/audit/forks': { 200: json('forks reported, newest first', Forks) },
  'GET /v1/security-events': { 200: json('a page of security events, newest first', page(SecurityEvent)) },

  'GET /v1/agreements': { 200: json('every data-sharing agreement', list(Agreement)) },
  'POST /v1/agreements': { 201: json('the proposed agreement', Agreement) },
  'GET /v1/agreements/:id': { 200: json('the agreement', Agreement) },
  'POST /v1/agreements/:id/approve': { 200: json('the approved agreement', Agreement) },

  'GET /v1/rules': { 200: json('the catalogue, or with `hash` the rule set recorded under it', RulesCatalogue.or(RuleSetSource)) },
  'GET /v1/principles': { 200: json('the Key Principles catalogue', Principles) },
  'GET /v1/tasks': { 200: json("a page of tasks due, in the reader's scope", page(Task)) },
  'GET /v1/workflows': { 200: json('every workflow definition in force', list(Workflow)) },
  'GET /v1/workflows/:kind': { 200: json('the workflow definition in force, with its versions', Workflow) },
  'GET /v1/workflows/:kind/diagram': { 200: { ...json('format=json: nodes and edges', Diagram), alternative: { media: 'text/plain', description: 'format=mermaid (the default): Mermaid stateDiagram-v2 text' } } },

  'GET /v1/jurisdictions': { 200: json('every state, with compliance flags and versions', list(Jurisdiction)) },
  'GET /v1/jurisdictions/:code': { 200: json('the version in force, every version and revision', JurisdictionDetail) },
  'PUT /v1/jurisdictions/:code': { 200: json('the version as stored (`unchanged: true` when it was already)', JurisdictionStored) },
  'GET /v1/settings': { 200: json('the settings in force', Settings) },
  'PUT /v1/settings': { 200: json('the settings now in force', SettingsStored) },
  'GET /v1/assistance-eligibility': { 200: json('the rules in force and their version', AssistanceEligibility) },
  'PUT /v1/assistance-eligibility': { 200: json('the new version', AssistanceEligibility) },
  'POST /v1/simulate': { 200: json('the per-step trace (nothing written)', Trace) },
  'POST /v1/scenarios/run': { 200: json('each step against its expectations, the rules it exercised and the trace', ScenarioRun) },
  'POST /v1/impact': { 200: json('every command whose verdict or outcome would change, grouped by rule', ImpactReport) },
  'GET /v1/rule-sets': { 200: json('the proposed rule sets', RuleSets) },

  'GET /v1/users': { 200: json('every user (never a token)', list(User)) },
  'GET /v1/users/requests': { 200: json('privileged changes with that status', list(DecidedRequest.shape.request)) },
  'POST /v1/users/requests/:id/confirm': {
    200: json('a change of roles, applied', DecidedRequest),
    201: json('a new user `{ id, name, roles, token }`, or a new token `{ token, expiresAt, tokenId }`', CreatedUser.or(IssuedToken)),
  },
  'POST /v1/users/requests/:id/reject': { 200: json('the request, rejected', DecidedRequest) },
  'GET /v1/users/:id': { 200: json('the user', User) },
  'POST /v1/users/:id/disable': { 200: json('the user, disabled', User) },
  'POST /v1/users/:id/enable': { 200: json('the user, enabled', User) },
  'PUT /v1/users/:id/roles': { 200: json('the user with the new roles', User), 202: json('waiting for a second admin', Pending) },
  'POST /v1/users/:id/tokens/revoke': { 200: json('the tokens revoked', RevokedTokens) },
  'DELETE /v1/tokens/:id': { 200: json('the token, revoked', RevokedToken) },
  'POST /v1/teams': { 201: json('the team', Team) },
  'GET /v1/teams': { 200: json('every team', list(Team)) },
  'GET /v1/teams/:id': { 200: json('the team', Team) },
  'POST /v1/teams/:id/members': { 200: json('the team with the member', Team) },
  'DELETE /v1/teams/:id/members/:userId': { 200: json('the team without the member', Team) },

  'GET /ui/': { 302: redirect('to the case list', '/ui/cases') },
  'GET /ui/sign-in': { 200: html('the sign-in form'), 302: redirect('already signed in: to `next`', '/ui/cases') },
  'POST /ui/sign-in': { 303: redirect('signed in (a session cookie): to `next`', '/ui/cases'), 401: html('the form again: the token is wrong or expired'), 429: html('the form again: too many failed sign-ins (Retry-After)') },
  'POST /ui/sign-out': { 303: redirect('signed out: to the sign-in page', '/ui/sign-in') },
  'GET /ui/cases': webPage('the case list'),
  'GET /ui/cases/:id': webPage('the case page: timeline, verdicts, proofs'),
  'GET /ui/cases/:id/proof/:seq': webJson("a timeline record's inclusion proof", InclusionProof),
  'GET /ui/cases/:id/print': webPage('the printable decision history'),
  'GET /ui/cases/:id/history.json': webJson('the decision history as a download, with its proofs', CaseExport),
  'GET /ui/audit': webPage('the audit page: records, verification, break-glass openings'),
  'GET /ui/audit/proof/inclusion': webJson('an inclusion proof (hashes only)', InclusionProof),
  'GET /ui/audit/proof/consistency': webJson('a consistency proof (hashes only)', ConsistencyProof),
  'GET /ui/rules': webPage('the rules catalogue'),
  'GET /ui/policy': webPage('the scenario dry-run form'),
  'POST /ui/policy/scenario': { ...webPage('the scenario run against its expectations'), 400: html('the form again, naming what is wrong with the scenario') },
  'GET /ui/policy/impact': webPage('the impact analysis form'),
  'POST /ui/policy/impact': { ...webPage('the decisions the change would alter'), 400: html('the form again, naming what is wrong with the change') },
  'GET /ui/policy/coverage': webPage("the scenario files' rule and condition coverage"),
};

/** What each reviewers' page is (their routes carry no schema of their own). */
export const PAGE_SUMMARIES: Readonly<Record<string, string>> = {
  'GET /ui/': 'The reviewers\' pages: to the case list',
  'GET /ui/sign-in': 'Sign in with an API token (opens a session; the token is never stored in the browser)',
  'POST /ui/sign-in': 'Sign in (form post with the CSRF token; throttled like bearer tokens)',
  'POST /ui/sign-out': 'Sign out (ends the session)',
  'GET /ui/cases': 'Cases in the reader\'s scope',
  'GET /ui/cases/:id': 'One case: workflows, decision timeline with verdicts and proofs',
  'GET /ui/cases/:id/proof/:seq': 'Inclusion proof of one record of the case (JSON)',
  'GET /ui/cases/:id/print': 'Printable decision history',
  'GET /ui/cases/:id/history.json': 'Decision history export with its proof bundle (JSON download)',
  'GET /ui/audit': 'Audit records, verification and break-glass openings',
  'GET /ui/audit/proof/inclusion': 'Inclusion proof of a record (JSON, for the page\'s links)',
  'GET /ui/audit/proof/consistency': 'Consistency proof between two tree sizes (JSON, for the in-browser check)',
  'GET /ui/rules': 'The rules catalogue',
  'GET /ui/policy': 'Policy staff: scenario dry run',
  'POST /ui/policy/scenario': 'Policy staff: run a scenario (nothing written)',
  'GET /ui/policy/impact': 'Policy staff: impact analysis form',
  'POST /ui/policy/impact': 'Policy staff: run an impact analysis of a proposed change (nothing written)',
  'GET /ui/policy/coverage': 'Policy staff: rule and condition coverage of the scenario files',
};

type Content = Record<string, { schema: unknown }>;
const STRING = { type: 'string' };
const ERROR_REF = { $ref: '#/components/schemas/Error' };

function jsonSchema(schema: z.ZodType): unknown {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** The OpenAPI form of a route's documented answers, or undefined for a route without any. */
export function answersOf(method: string, url: string): Record<string, { description: string; type?: 'null'; content?: Content; headers?: Record<string, unknown> }> | undefined {
  const answers = ANSWERS[`${method} ${url}`];
  if (!answers) return undefined;
  return Object.fromEntries(
    Object.entries(answers).map(([status, a]) => {
      // `type: 'null'`: @fastify/swagger lists no body.
      if (a.location) return [status, { type: 'null', description: `${a.description} (Location: ${a.location})`, headers: { Location: STRING } }];
      const content: Content = a.media ? { [a.media]: { schema: STRING } } : { 'application/json': { schema: a.schema === ErrorBody ? ERROR_REF : jsonSchema(a.schema) } };
      if (a.alternative) content[a.alternative.media] = { schema: STRING };
      const description = a.alternative ? `${a.description}; ${a.alternative.description}` : a.description;
      return [status, { description, content }];
    }),
  );
}
