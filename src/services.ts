import type { Repositories } from '../db/index.ts';
import { createCaseIndexer } from './engine/caseIndex.ts';
import { createCaseService } from './engine/cases.ts';
import { createCommandService, type Clock } from './engine/commands.ts';
import { createPolicyService } from './engine/policy.ts';
import { createPrivacyService } from './engine/privacy.ts';
import { createQueryService } from './engine/queries.ts';
import { createTransparencyLog, type SecurityEventSink, type TransparencyOptions } from './engine/transparency.ts';
import { createVerifier } from './engine/verification.ts';
import { hashedForms, proofBundle } from './engine/bundles.ts';
import type { AuditRow } from '../db/index.ts';
import type { RecordFor } from '../workflows/privacy.ts';
import { loadOrCreateKey, type NoteKey } from './audit/signer.ts';

/** The audit log's signing key and checkpoint cadence; an ephemeral key when none is given (tests, dry runs). */
export interface AuditLogOptions extends Partial<TransparencyOptions> {
  key?: NoteKey;
  /** Records per chunk of a full verification (it yields to the event loop between chunks). */
  verifyChunk?: number;
  security?: SecurityEventSink;
}
export const DEFAULT_LOG_ORIGIN = 'kp-case-engine.local/audit';

/** The engine's services over one set of repositories: what the API and the CLI call. */
export function createServices(repos: Repositories, clock: Clock = { now: () => new Date().toISOString() }, audit: AuditLogOptions = {}) {
  // Before anything writes: every transaction keeps the derived columns and tasks of the cases it wrote.
  const indexer = createCaseIndexer(repos, clock);
  repos.onBeforeCommit(indexer.refresh);
  indexer.reindexStale();
  const commands = createCommandService(repos, clock);
  const cases = createCaseService(repos, clock, commands);
  const queries = createQueryService(repos, clock, cases);
  const policy = createPolicyService(repos, clock);
  const privacy = createPrivacyService(repos, clock, { cases, queries });
  const key = audit.key ?? loadOrCreateKey(null, DEFAULT_LOG_ORIGIN);
  const transparency = createTransparencyLog(repos, clock, key, { checkpointEvery: audit.checkpointEvery ?? 1000, checkpointSeconds: audit.checkpointSeconds ?? 60 }, audit.security);
  const verifier = createVerifier(repos, clock, key.vkey, audit.verifyChunk !== undefined ? { chunk: audit.verifyChunk } : {});
  /** Proof bundles for exports (JSON, print, the dossier): records as the reader sees them in, bundle out. */
  const proofs = {
    bundle: (records: ReadonlyArray<RecordFor<AuditRow>>) => proofBundle(repos, transparency, records),
    hashed: (records: ReadonlyArray<RecordFor<AuditRow>>) => hashedForms(repos, records),
  };
  return { repos, clock, commands, cases, queries, policy, privacy, transparency, verifier, proofs };
}
export type Services = ReturnType<typeof createServices>;
