import { redactCaseFor, redactRecordFor, type PersonView } from '../../workflows/privacy.ts';
import type { EvidenceItem } from '../../workflows/caseFile.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { CaseView } from '../../workflows/rules/types.ts';

/**
 * The case file as a reader may see it (KP-DATA-01; KP B-CH5). Which roles see a child's identity
 * and what is hidden is decided in one place, `workflows/privacy.ts` (`redactCaseFor` for the case,
 * `redactRecordFor` for audit records and pending commands); this module only maps its answer onto
 * the shape of `GET /v1/cases/:id` and the reviewers' page.
 */

/** What `redactFor` needs: the answer's view, the state it was built from, and the moment. */
export interface CaseRead<V extends CaseLike> {
  view: V;
  state: CaseView;
  at: string;
}

interface CaseLike {
  person: unknown;
  evidence: readonly unknown[];
  child: boolean;
  pending?: ReadonlyArray<{ command: unknown }>;
}

/**
 * The view with `person` and `evidence` as `redactCaseFor` shows them, `child` as it decided,
 * `redacted` (whether anything was hidden) and `redactedFields` (which fields, `[]` when none).
 */
export type Shown<V extends CaseLike> = Omit<V, 'person' | 'evidence' | 'child'> & {
  person: V['person'] | PersonView;
  evidence: V['evidence'] | EvidenceItem[];
  child: boolean;
  redacted: boolean;
  redactedFields: string[];
};

export function redactFor<V extends CaseLike>(actor: Pick<Actor, 'roles'>, read: CaseRead<V>): Shown<V> {
  const seen = redactCaseFor(actor.roles, read.state, read.at);
  if (seen.redacted.length === 0) return { ...read.view, child: seen.child, redacted: false, redactedFields: [] };
  const pending = read.view.pending?.map((p) => ({ ...p, command: redactCommand(actor, p.command) }));
  return {
    ...read.view,
    person: seen.facts.person,
    evidence: seen.evidence,
    ...(pending ? { pending } : {}),
    child: seen.child,
    redacted: true,
    redactedFields: seen.redacted,
  };
}

/** A pending command's data (a proposal awaiting a second approver) redacted like an audit record of the child's case. */
function redactCommand(actor: Pick<Actor, 'roles'>, command: unknown): unknown {
  if (command === null || typeof command !== 'object') return command;
  const c = command as Record<string, unknown>;
  const type = typeof c['type'] === 'string' ? c['type'] : '';
  return { ...c, data: redactRecordFor(actor.roles, { type, data: c['data'] ?? null }, true).data };
}

/** OpenAPI note on routes returning audit records (history, audit). */
export const REDACTED_RECORDS_NOTE =
  "Records about a child's case are returned to roles that may not see a child's identity (reviewer, policy, admin) with the " +
  'identifying fields inside `data` (names, dateOfBirth, placeOfBirth, documents, document references, evidence summary and source, ' +
  'names of children a record lists) replaced by "[redacted]" and marked `redacted: true`. The stored record is unchanged: ' +
  '`hash` and `prevHash` are the stored values, so a redacted record cannot be re-hashed by the client; use GET /v1/audit/verify, ' +
  'which recomputes the chain on the stored rows. Roles that see identity (caseworker, supervisor, bid_panel, legal_officer) get the records as stored.';
