import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The audit log as a transparency log (RFC 9162): the Merkle tree over the audit records, the
 * signed checkpoints, witnesses' cosignatures, verification points, forks reported, and the rule
 * sets records name by hash. All append-only (triggers in the same migration).
 */

/** Perfect subtree hashes: (level, idx) covers leaves [idx·2^level, (idx+1)·2^level). Leaf idx = seq - 1. */
export const auditTree = sqliteTable(
  'audit_tree',
  {
    level: integer('level').notNull(),
    idx: integer('idx').notNull(),
    hash: blob('hash', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** Signed tree heads (C2SP tlog-checkpoint in a signed note), one per tree size. */
export const auditCheckpoints = sqliteTable('audit_checkpoints', {
  size: integer('size').primaryKey(),
  rootHash: text('root_hash').notNull(),
  at: text('at').notNull(),
  note: text('note').notNull(),
});

/** Witnesses' cosignatures (C2SP tlog-cosignature), verified before they are stored. */
export const auditCosignatures = sqliteTable(
  'audit_cosignatures',
  {
    size: integer('size').notNull().references(() => auditCheckpoints.size),
    witness: text('witness').notNull(),
    vkey: text('vkey').notNull(),
    line: text('line').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.size, t.vkey] })],
);

/** Each verification run: how far it got, and (when sound) the compact range it ends on. */
export const auditVerifications = sqliteTable('audit_verifications', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  mode: text('mode').notNull(),
  ok: integer('ok', { mode: 'boolean' }).notNull(),
  size: integer('size').notNull(),
  hash: text('hash').notNull(),
  frontier: text('frontier', { mode: 'json' }).notNull(),
  detail: text('detail', { mode: 'json' }),
});

/** Forks: two checkpoints signed with the log's key that no consistency proof joins. */
export const auditForks = sqliteTable('audit_forks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  reportedBy: text('reported_by').notNull(),
  detail: text('detail', { mode: 'json' }).notNull(),
});

/** Rule sets (rules + jurisdiction data) by the hash command records carry as `rulesetHash`. */
export const rulesets = sqliteTable(
  'rulesets',
  {
    hash: text('hash').primaryKey(),
    source: text('source').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
  },
  (t) => [index('rulesets_seen').on(t.firstSeenAt)],
);
