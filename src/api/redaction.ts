/**
 * OpenAPI wording for routes returning audit records. The redaction itself is decided in
 * `workflows/privacy.ts` (`redactCaseFor`, `redactRecordFor`) and applied, with the read logged,
 * by the engine's privacy service (`src/engine/privacy.ts`: `readFor`, `historyFor`, `auditFor`).
 */

/** OpenAPI note on routes returning audit records (history, audit). */
export const REDACTED_RECORDS_NOTE =
  'What a reader sees is derived from the field classification in the schemas (`personal`: identifying, free_text or none; ' +
  'enums are none). Roles that see identity (caseworker, supervisor, bid_panel, legal_officer) get the records as stored. ' +
  "Reviewer and data_protection_officer get a child's identifying and free-text values (and an adult's free text when the adult's case is linked to a child's) " +
  'replaced by "[redacted]"; policy and admin get every identifying and free-text value replaced, adults included. ' +
  'A record type or value no schema describes, and an unclassified string, is hidden (fail closed); the justification is free text. ' +
  "Such records are marked `redacted: true`. A record is a child's when the person was a child when it was written, or is one now. " +
  'The stored record is unchanged: `hash` and `prevHash` are the stored values, so a redacted record cannot be re-hashed by the client; ' +
  'use GET /v1/audit/verify, which recomputes the chain on the stored rows. ' +
  "Each read of a child's records is logged (GET /v1/cases/:id/reads).";
