/**
 * OpenAPI wording for routes returning audit records. The redaction itself is decided in
 * `workflows/privacy.ts` (`redactCaseFor`, `redactRecordFor`) and applied, with the read logged,
 * by the engine's privacy service (`src/engine/privacy.ts`: `readFor`, `historyFor`, `auditFor`).
 */

/** OpenAPI note on routes returning audit records (history, audit). */
export const REDACTED_RECORDS_NOTE =
  "Records about a child are returned to roles that may not see a child's identity (reviewer, policy, admin) with the " +
  'identifying fields inside `data` (names, dateOfBirth, placeOfBirth, documents, document and travel-document references, ' +
  "a guardian's name, evidence summary and source), the free text about people (justification, childViews, findings, reason, " +
  'reasons, notes, summary and the like) and what a record says about the children it lists (names, whereabouts, carer) ' +
  'replaced by "[redacted]" and marked `redacted: true`. A record is a child\'s when the person was a child when it was ' +
  'written, or is one now. The stored record is unchanged: ' +
  '`hash` and `prevHash` are the stored values, so a redacted record cannot be re-hashed by the client; use GET /v1/audit/verify, ' +
  'which recomputes the chain on the stored rows. Roles that see identity (caseworker, supervisor, bid_panel, legal_officer) get the records as stored. ' +
  "Each read of a child's records is logged (GET /v1/cases/:id/reads).";
