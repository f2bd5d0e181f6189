
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The database schema (drizzle, schema-first). JSON columns hold documents validated by the zod
 * schemas in workflows/ before they are written. Migrations are generated from this file with
 * drizzle-kit; the append-only triggers live in a custom migration.
 */

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

/**
 * API tokens: a user may hold several over time; only the sha256 is stored, with the first
 * characters (`prefix`, never enough to use) for throttling and the security log. A token is
 * refused once `revoked_at` is set or `expires_at` has passed.
 */
export const tokens = sqliteTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    issuedAt: text('issued_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('tokens_user').on(t.userId)],
);

/** Teams own cases (need-to-know scope). `organisation` decides whether a transfer crosses organisations (KP-DATA-01). */
export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  organisation: text('organisation').notNull(),
  createdAt: text('created_at').notNull(),
});

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: text('team_id').notNull().references(() => teams.id),
    userId: text('user_id').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user').on(t.userId, t.teamId)],
);

/**
 * Privileged changes awaiting a second admin (four-eyes): a new user or a role change that
 * grants a role seeing identity, or `admin`. `body` holds what is applied on confirmation.
 */
export const privilegedRequests = sqliteTable(
  'privileged_requests',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    userId: text('user_id'),
    body: text('body', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: text('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
  },
  (t) => [index('privileged_requests_status').on(t.status, t.requestedAt)],
);

/** Users assigned to a case (need-to-know scope), kept by `case.ASSIGN` and registration. */
export const caseAssignments = sqliteTable(
  'case_assignments',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    userId: text('user_id').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_assignments_user').on(t.userId, t.caseId)],
);

/** Emergency access to a case outside the opener's scope, until `expires_at` (audited as BREAK_GLASS). */
export const breakGlass = sqliteTable(
  'break_glass',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id').notNull().references(() => cases.id),
    userId: text('user_id').notNull().references(() => users.id),
    openedAt: text('opened_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    auditSeq: integer('audit_seq').notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: text('reviewed_at'),
  },
  (t) => [index('break_glass_user_case').on(t.userId, t.caseId, t.expiresAt), index('break_glass_case').on(t.caseId)],
);

/** Reviewers' page sessions: the id is random and stored hashed; ended at sign-out or expiry. */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    endedAt: text('ended_at'),
    /** The token the user signed in with: revoking or expiring it ends the session too. */
    tokenId: text('token_id').references(() => tokens.id),
  },
  (t) => [index('web_sessions_user').on(t.userId)],
);

/**
 * The security log: failed authentications, 401s, 403s, rate limits, break-glass, forks seen by
 * witnesses. Never a token, only its prefix; never case content.
 */
export const securityEvents = sqliteTable(
  'security_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    kind: text('kind').notNull(),
    actorId: text('actor_id'),
    address: text('address'),
    tokenPrefix: text('token_prefix'),
    route: text('route'),
    status: integer('status'),
    caseId: text('case_id'),
    detail: text('detail', { mode: 'json' }),
  },
  (t) => [index('security_events_kind').on(t.kind, t.id), index('security_events_at').on(t.at)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    facts: text('facts', { mode: 'json' }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** The owning team (need-to-know scope); `team-default` for cases from before teams. */
    teamId: text('team_id').notNull().default('team-default'),
    /** The case number from the `counters` row `case_reference` (the reference's digits; the name index's rowid). */
    seq: integer('seq'),
    /**
     * The day the youngest plausible age reaches 18 (KP-AGE-04), from the recorded or the confirmed
     * assessed birth range: a child is a case with `adult_from > today`. Kept by the engine.
     */
    adultFrom: text('adult_from'),
    /** Which version of the engine's derived columns (terms, names, tasks) the row was indexed with. */
    indexVersion: integer('index_version').notNull().default(0),
  },
  (t) => [uniqueIndex('cases_seq').on(t.seq), index('cases_adult_from').on(t.adultFrom, t.id), index('cases_index_version').on(t.indexVersion), index('cases_team').on(t.teamId, t.id)],
);

/** Named counters (the case reference): one row each, incremented inside the writing transaction. */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/**
 * Exact-match list filters of a case as (field, term) pairs, kept by the engine from the facts:
 * `nationality` (each State code), `location` (the location's kind, name and State).
 */
export const caseTerms = sqliteTable(
  'case_terms',
  {
    field: text('field').notNull(),
    term: text('term').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
  },
  (t) => [primaryKey({ columns: [t.field, t.term, t.caseId] }), index('case_terms_case').on(t.caseId)],
);

export const familyLinks = sqliteTable(
  'family_links',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    relatedCaseId: text('related_case_id').notNull().references(() => cases.id),
    relation: text('relation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.relatedCaseId] })],
);

export const evidence = sqliteTable(
  'evidence',
  {
    /** Unique within its case: a client may name its own evidence ids (WORKFLOWS.md). */
    id: text('id').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    item: text('item', { mode: 'json' }).notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.id] }), index('evidence_case').on(t.caseId)],
);

export const workflowInstances = sqliteTable(
  'workflow_instances',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind').notNull(),
    instance: text('instance').notNull().default(''),
    machineVersion: integer('machine_version').notNull(),
    state: text('state').notNull(),
    outcome: text('outcome'),
    snapshot: text('snapshot', { mode: 'json' }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  // Each list filter (workflow, state, outcome, alone or together) reads one of these in case id order.
  (t) => [
    primaryKey({ columns: [t.caseId, t.kind, t.instance] }),
    index('workflow_kind_case').on(t.kind, t.caseId),
    index('workflow_kind_state_case').on(t.kind, t.state, t.caseId),
    index('workflow_state_case').on(t.state, t.caseId),
    // Most instances have no outcome: only those with one are indexed (`outcome = ?` implies it).
    index('workflow_kind_outcome_case').on(t.kind, t.outcome, t.caseId).where(sql`${t.outcome} is not null`),
    index('workflow_outcome_case').on(t.outcome, t.caseId).where(sql`${t.outcome} is not null`),
  ],
);

export const audit = sqliteTable(
  'audit',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    caseId: text('case_id'),
    workflow: text('workflow').notNull(),
    instance: text('instance').notNull().default(''),
    actor: text('actor', { mode: 'json' }).notNull(),
    type: text('type').notNull(),
    data: text('data', { mode: 'json' }),
    justification: text('justification'),
    fromState: text('from_state'),
    toState: text('to_state'),
    result: text('result').notNull(),
    verdicts: text('verdicts', { mode: 'json' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** The rule set in force when the record was written (absent on records from before it was kept). */
    rulesetHash: text('ruleset_hash'),
  },
  (t) => [
    index('audit_case').on(t.caseId, t.seq),
    index('audit_at').on(t.at),
    index('audit_actor').on(sql`json_extract(${t.actor}, '$.id')`, t.seq),
    index('audit_actor_result').on(sql`json_extract(${t.actor}, '$.id')`, t.result, t.seq),
    index('audit_result').on(t.result, t.seq),
    index('audit_workflow').on(t.workflow, t.seq),
  ],
);

/** The rule ids of each audit record's verdicts (the `rule` filter), written with the record. */
export const auditRules = sqliteTable(
  'audit_rules',
  {
    rule: text('rule').notNull(),
    /** The record's seq (no foreign key: an index beside the chain, which tamper tests renumber). */
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rule, t.seq] })],
);

/**
 * Work waiting on a role (GET /v1/tasks), one row per task, replaced for a case by the engine in
 * every transaction that changes the case. A task holds from `visible_from` (inclusive) until
 * `visible_until` (exclusive) by calendar date: the derivation is evaluated ahead on the dates it
 * names, so tasks that appear, change or lapse on a date need no write on that date.
 */
export const tasks = sqliteTable(
  'tasks',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    n: integer('n').notNull(),
    kind: text('kind').notNull(),
    role: text('role').notNull(),
    workflow: text('workflow').notNull(),
    instance: text('instance').notNull(),
    due: text('due'),
    /** `due`, or '9999-12-31' for undated work: the list's order (undated after dated). */
    dueSort: text('due_sort').notNull(),
    rule: text('rule'),
    summary: text('summary').notNull(),
    /** `normal` | `high` | `urgent` where urgency grows with time (KP-RET-06 length of stay); null otherwise. */
    priority: text('priority'),
    /** The date the person has been held in a closed camp or detention since (the stay in days is derived on reading). */
    heldSince: text('held_since'),
    visibleFrom: text('visible_from').notNull(),
    visibleUntil: text('visible_until').notNull(),
    /**
     * 1 when the window holds on the date in the `counters` row `tasks_listed_on` (the list's
     * date, moved forward by the engine on the first list of a day: db/repositories/tasks.ts).
     */
    listed: integer('listed').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.n] }),
    // The list reads only the rows visible on its date, in order: rows that appear or lapse on a
    // later date without a write are outside these partial indexes, so a page never skips them
    // (a window check in the index walk still read every future row: at 100k cases 558 ms for a
    // role whose rows were mostly future ones, BENCHMARKS.md, issue 14).
    index('tasks_listed_role_due').on(t.role, t.dueSort, t.caseId, t.n).where(sql`${t.listed} = 1`),
    index('tasks_listed_due').on(t.dueSort, t.caseId, t.n).where(sql`${t.listed} = 1`),
    // Moving the list's date updates only the rows whose window starts or ends in between.
    index('tasks_visible_from').on(t.visibleFrom).where(sql`${t.visibleFrom} > ''`),
    index('tasks_visible_until').on(t.visibleUntil).where(sql`${t.visibleUntil} < '9999-12-31'`),
  ],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    actorId: text('actor_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: text('response', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] })],
);

/** Commands waiting for a second approver (2ND); resolved, never deleted. */
export const pendingCommands = sqliteTable(
  'pending_commands',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    workflow: text('workflow').notNull(),
    instance: text('instance').notNull().default(''),
    command: text('command', { mode: 'json' }).notNull(),
    proposedBy: text('proposed_by', { mode: 'json' }).notNull(),
    requiredRole: text('required_role').notNull(),
    status: text('status').notNull().default('pending'),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
  },
  (t) => [index('pending_case').on(t.caseId, t.status)],
);

/**
 * Jurisdiction data, one row per version in force from `valid_from` (KP-SYS-02). A correction of
 * a version is a new `revision` of it: the highest revision applies, the earlier ones stay.
 */
export const jurisdictions = sqliteTable(
  'jurisdictions',
  {
    code: text('code').notNull(),
    validFrom: text('valid_from').notNull(),
    revision: integer('revision').notNull().default(1),
    data: text('data', { mode: 'json' }).notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.validFrom, t.revision] })],
);

/** Policy settings, versioned: each change is a new row; the latest applies to new decisions. */
export const settings = sqliteTable('settings', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  values: text('values', { mode: 'json' }).notNull(),
  recordedAt: text('recorded_at').notNull(),
  recordedBy: text('recorded_by').notNull(),
});


/**
 * Who read a child's record, when, through which route and for what purpose (KP-DATA-01 "log all
 * reads"). Append-only (trigger in a custom migration). Holds ids and roles only, never the data read.
 */
export const recordReads = sqliteTable(
  'record_reads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id').notNull(),
    roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    route: text('route').notNull(),
    purpose: text('purpose').notNull(),
  },
  (t) => [index('record_reads_case').on(t.caseId, t.id)],
);

/**
 * Assistance-eligibility configuration (KP-HUM-01), versioned: each change is a new row (its id is
 * the version); the latest applies. Append-only (trigger in a custom migration).
 */
export const assistanceEligibility = sqliteTable('assistance_eligibility', {
  version: integer('version').primaryKey({ autoIncrement: true }),
  rules: text('rules', { mode: 'json' }).notNull(),
  recordedAt: text('recorded_at').notNull(),
  recordedBy: text('recorded_by').notNull(),
});

export * from './transparencySchema.ts';

/**
 * Data-sharing agreements (KP-DATA-01): every disclosure outside the organisation names one.
 * `body` holds the agreement as workflows/agreements.ts validates it; the status moves once, from
 * proposed to approved by a second data protection officer. Changes are audited.
 */
export const sharingAgreements = sqliteTable('sharing_agreements', {
  id: text('id').primaryKey(),
  body: text('body', { mode: 'json' }).notNull(),
  status: text('status').notNull(),
  proposedBy: text('proposed_by').notNull(),
  proposedAt: text('proposed_at').notNull(),
  approvedBy: text('approved_by'),
  approvedAt: text('approved_at'),
});

/**
 * Per-person data keys (crypto-shredding, docs/erasure.md): a case is a person. `wrappedKey` is
 * the person's random AES-256 data key, sealed (AES-256-GCM) under the master key. Erasure
 * (case.ERASE) sets it to NULL and `erasedAt`: every envelope of the person becomes unreadable.
 */
export const personKeys = sqliteTable('person_keys', {
  caseId: text('case_id').primaryKey().references(() => cases.id),
  wrappedKey: text('wrapped_key'),
  createdAt: text('created_at').notNull(),
  erasedAt: text('erased_at'),
});

/** One row: a check value of the master key, so a wrong master key is refused at start. */
export const masterKeyCheck = sqliteTable('master_key_check', {
  id: integer('id').primaryKey(),
  checkValue: text('check_value').notNull(),
  createdAt: text('created_at').notNull(),
});
