import type { Repositories } from '../../db/index.ts';
import { SharingAgreement } from '../../workflows/agreements.ts';

/**
 * A SHARE_RECORD's data as the rules judge it: the named agreement as stored replaces whatever
 * `agreement` a client sent (KP-DATA-01 decides on the real one; the audit record keeps it).
 */
export function withAgreement(repos: Repositories, data: Record<string, unknown>): Record<string, unknown> {
  const { agreement: _client, ...rest } = data;
  const id = typeof data['agreementId'] === 'string' ? data['agreementId'] : undefined;
  const row = id ? repos.agreements.get(id) : undefined;
  return row ? { ...rest, agreement: agreementOf(row) } : rest;
}

export function agreementOf(row: NonNullable<ReturnType<Repositories['agreements']['get']>>): SharingAgreement {
  return SharingAgreement.parse({ ...(row.body as object), id: row.id, status: row.status, proposedBy: row.proposedBy, approvedBy: row.approvedBy });
}
