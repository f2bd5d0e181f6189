
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The database schema (drizzle, schema-first). JSON columns hold documents validated by the zod
 * schemas in workflows/ before they are written. Migrations are generated from this file with
 * drizzle-kit; the append-only triggers live in a custom migration.
 */

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

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
  },
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
  (t) => [primaryKey({ columns: [t.caseId, t.kind, t.instance] }), index('workflow_state').on(t.kind, t.state)],
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
  },
  (t) => [index('audit_case').on(t.caseId, t.seq), index('audit_at').on(t.at)],
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
