import type { Repositories } from '../../db/index.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { Verdict } from '../../workflows/rules/types.ts';
import { storedVerdict } from '../../workflows/rules/explain.ts';
import { chainHashOf, canonical, GENESIS, type AuditRecord } from '../audit/chain.ts';
import { appendToTree } from '../audit/tree.ts';
import { rulesetHashInForce } from './ruleset.ts';
import { keyringOf } from './personalData.ts';
import { recordSchema } from '../../workflows/recordSchemas.ts';

export interface AuditEntry {
  at: string;
  caseId: string | null;
  workflow: string;
  instance?: string;
  actor: Actor;
  type: string;
  data: unknown;
  justification?: string | null;
  fromState: string | null;
  toState: string | null;
  result: 'applied' | 'refused' | 'pending';
  verdicts: readonly Verdict[];
}

/**
 * A case's record as stored: its data (by the record's schema), justification and any rendered
 * verdict reason (which may quote the facts) sealed under the person's key. Sealed once, here:
 * the chain hash and the Merkle leaf are taken over this form and it is never re-sealed.
 */
function sealed(repos: Repositories, entry: AuditEntry, verdicts: unknown[]): { data: unknown; justification: string | null; verdicts: unknown[] } {
  const data = JSON.parse(JSON.stringify(entry.data ?? null)) as unknown;
  const justification = entry.justification ?? null;
  if (entry.caseId === null) return { data, justification, verdicts };
  const keyring = keyringOf(repos);
  const caseId = entry.caseId;
  return {
    data: keyring.seal(caseId, recordSchema(entry.workflow, entry.type), data),
    justification: justification === null ? null : keyring.sealText(caseId, justification),
    verdicts: verdicts.map((v) => {
      const r = v as { reason?: unknown };
      return typeof r.reason === 'string' ? { ...r, reason: keyring.sealText(caseId, r.reason) } : v;
    }),
  };
}

/** Appends one record to the chain. Must run inside the caller's transaction. */
export function appendAudit(repos: Repositories, entry: AuditEntry): AuditRecord {
  const last = repos.audit.last();
  // Conditions serve coverage and explanations of the moment; the record keeps the verdict itself:
  // code + params (+ facts, evidence, toAllow), never its rendered text, which readers derive in
  // their language (a verdict without a code keeps its reason).
  const stored = sealed(repos, entry, JSON.parse(JSON.stringify(entry.verdicts.map(({ conditions: _c, ...v }) => storedVerdict(v)))) as unknown[]);
  const unhashed = {
    seq: (last?.seq ?? 0) + 1,
    // Never before the previous record: a command decided a moment earlier on another connection
    // may commit later. So `at` never falls as seq rises, and a time range is a seq range.
    at: last && last.at > entry.at ? last.at : entry.at,
    caseId: entry.caseId,
    workflow: entry.workflow,
    instance: entry.instance ?? '',
    actor: { id: entry.actor.id, roles: [...entry.actor.roles] },
    type: entry.type,
    data: stored.data,
    justification: stored.justification,
    fromState: entry.fromState,
    toState: entry.toState,
    result: entry.result,
    verdicts: stored.verdicts as unknown,
    prevHash: last?.hash ?? GENESIS,
    // Which law decided: the rule set and jurisdiction data in force (issue 15.8).
    rulesetHash: rulesetHashInForce(repos, entry.at),
  };
  const text = canonical(unhashed);
  const record = { ...unhashed, hash: chainHashOf(unhashed.prevHash, text) };
  repos.audit.insert(record);
  // The Merkle tree grows in the same transaction: a record is never in the chain without its leaf.
  appendToTree(repos, record.seq, text);
  return record;
}
