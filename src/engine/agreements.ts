import { randomUUID } from 'node:crypto';
import type { Repositories } from '../../db/index.ts';
import { AgreementInput, dossierContent, type SharingAgreement } from '../../workflows/agreements.ts';
import { IDENTIFYING_FIELDS, type ShareableField } from '../../workflows/privacy.ts';
import { isChildAt } from '../../workflows/rules/facts.ts';
import type { Actor } from '../../workflows/roles.ts';
import { appendAudit } from './audit.ts';
import type { Clock, CommandService } from './commands.ts';
import { AppError, notFound } from './errors.ts';
import type { Outcome } from './outcomes.ts';
import { agreementOf } from './shareData.ts';
import { loadCase, openRecords } from './views.ts';
import { openScope, type ScopeService } from './scope.ts';
import type { BundleCoverage, ProofBundle } from './bundles.ts';
import type { AuditRow } from '../../db/index.ts';

export interface Dossier {
  caseId: string;
  reference: string;
  agreement: Pick<SharingAgreement, 'id' | 'recipient' | 'legalBasis' | 'validTo'>;
  purpose: string;
  fields: ShareableField[];
  disclosedAt: string;
  disclosedBy: string;
  auditSeq: number;
  content: Partial<Record<ShareableField, unknown>>;
  /**
   * The disclosure record (SHARE_RECORD, `auditSeq`) with its inclusion proof against a signed
   * checkpoint, and the log's signed list of the case's records from `auditSeq` to `auditSeq`:
   * the recipient checks offline (tools/audit-verify.mjs) that this disclosure is in the log. Only
   * that record travels: the case's other records hold fields the agreement does not share.
   */
  proofs?: ProofBundle;
}

/** Builds a proof bundle (src/engine/bundles.ts), when the service has the transparency log. */
export type BundleMaker = (records: readonly AuditRow[], coverage: BundleCoverage) => ProofBundle;

/**
 * Data-sharing agreements and the disclosures made under them (KP-DATA-01). An agreement is
 * proposed, then approved by a data protection officer who did not propose it (four-eyes); both
 * steps are audited. A dossier is a SHARE_RECORD of the agreement's fields (a child's identifying
 * fields left out), decided by the same rules and audited as the command, then logged in the reads log.
 */
export function createAgreementService(repos: Repositories, clock: Clock, commands: CommandService, scope: ScopeService = openScope(repos, clock), bundle?: BundleMaker) {
  function get(id: string): SharingAgreement {
    const row = repos.agreements.get(id);
    if (!row) throw notFound(`agreement ${id}`);
    return agreementOf(row);
  }
  return {
    list(): SharingAgreement[] {
      return repos.agreements.list().map(agreementOf);
    },
    get,
    propose(input: AgreementInput, actor: Actor): SharingAgreement {
      const at = clock.now();
      const id = `dsa-${randomUUID()}`;
      return repos.transaction(() => {
        repos.agreements.insert({ id, body: input, status: 'proposed', proposedBy: actor.id, proposedAt: at, approvedBy: null, approvedAt: null });
        appendAudit(repos, { at, caseId: null, workflow: 'agreements', actor, type: 'AGREEMENT_PROPOSED', data: { id, ...input }, fromState: null, toState: 'proposed', result: 'applied', verdicts: [] });
        return get(id);
      });
    },
    approve(id: string, actor: Actor): SharingAgreement {
      const at = clock.now();
      return repos.transaction(() => {
        const a = get(id);
        if (a.status === 'approved') throw new AppError('INVALID_TRANSITION', `agreement ${id} is already approved`);
        if (a.proposedBy === actor.id) throw new AppError('FORBIDDEN', `four-eyes: agreement ${id} is approved by a data protection officer other than the one who proposed it`);
        repos.agreements.approve(id, actor.id, at);
        appendAudit(repos, { at, caseId: null, workflow: 'agreements', actor, type: 'AGREEMENT_APPROVED', data: { id }, fromState: 'proposed', toState: 'approved', result: 'applied', verdicts: [] });
        return get(id);
      });
    },
    /**
     * The dossier of `caseId` for `agreementId`: refused (the command's 422, audited) when the
     * agreement is not in force or the rules refuse; otherwise the disclosure is in the audit chain
     * (SHARE_RECORD applied) and in the reads log, and the answer holds only the shared fields.
     */
    dossier(caseId: string, agreementId: string, purpose: string | undefined, actor: Actor): { outcome: Outcome; dossier?: Dossier } {
      scope.require(actor, caseId);
      const c = loadCase(repos, caseId);
      if (!c) throw notFound(`case ${caseId}`);
      const row = repos.agreements.get(agreementId);
      const agreement = row ? agreementOf(row) : undefined;
      const at = clock.now();
      const child = isChildAt(c, at);
      // A child's identifying fields are never disclosed (KP-DATA-01), whatever the agreement allows.
      const fields = (agreement?.fields ?? []).filter((f) => !(child && IDENTIFYING_FIELDS.has(f)));
      const outcome = commands.apply({
        caseId, workflow: 'case', type: 'SHARE_RECORD', actor, ifMatch: c.version,
        // No grounds are stated: a child's dossier for a security body is refused (KP-DATA-02).
        data: { agreementId, purpose: purpose ?? agreement?.purposes[0] ?? '', fields },
        justification: `dossier under agreement ${agreementId}`,
      });
      if (outcome.kind !== 'applied' || !agreement) return { outcome };
      const after = loadCase(repos, caseId)!;
      const disclosure = openRecords(repos, repos.audit.bySeqs([outcome.auditSeq]));
      repos.recordReads.insert({ at, actorId: actor.id, roles: [...actor.roles], caseId, route: 'GET /v1/cases/:id/dossier', purpose: `disclosure under agreement ${agreement.id}` });
      return {
        outcome,
        dossier: {
          caseId, reference: after.reference,
          agreement: { id: agreement.id, recipient: agreement.recipient, legalBasis: agreement.legalBasis, validTo: agreement.validTo },
          purpose: purpose ?? agreement.purposes[0]!, fields, disclosedAt: at, disclosedBy: actor.id, auditSeq: outcome.auditSeq,
          content: dossierContent(after, fields, at, after.familyLinks),
          ...(bundle ? { proofs: bundle(disclosure, { caseId, fromSeq: outcome.auditSeq, toSeq: outcome.auditSeq, complete: false }) } : {}),
        },
      };
    },
  };
}
export type AgreementService = ReturnType<typeof createAgreementService>;
