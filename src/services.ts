import { randomBytes } from 'node:crypto';
import { notFound } from './engine/errors.ts';
import { attachKeyring, hasKeyring, keyringOf, perOperation } from './engine/personalData.ts';
import { checkpointAfterErasure } from './engine/erasure.ts';
import { resolveMasterKey } from './masterKey.ts';
import type { Actor } from '../workflows/roles.ts';
import type { Repositories } from '../db/index.ts';
import { createAgreementService } from './engine/agreements.ts';
import { createCaseIndexer } from './engine/caseIndex.ts';
import { createCaseService } from './engine/cases.ts';
import { createCommandService, type Clock } from './engine/commands.ts';
import { createGroupCommit, type GroupCommitOptions } from './engine/groupCommit.ts';
import { createHealth } from './engine/health.ts';
import { createPolicyService } from './engine/policy.ts';
import { createPrivacyService } from './engine/privacy.ts';
import { createQueryService } from './engine/queries.ts';
import { createTransparencyLog, type SecurityEventSink, type TransparencyOptions } from './engine/transparency.ts';
import { createVerifier } from './engine/verification.ts';
import { createSecurityLog } from './engine/securityLog.ts';
import { createUserService } from './engine/users.ts';
import { createThrottle, DEFAULT_AUTH_FAILURE_LIMIT, DEFAULT_AUTH_FAILURE_WINDOW_SECONDS } from './auth/throttle.ts';
import { hashedForms, proofBundle, type BundleCoverage } from './engine/bundles.ts';
import { createScopeService } from './engine/scope.ts';
import { createTeamService } from './engine/teams.ts';
import { createBreakGlassService, DEFAULT_BREAK_GLASS_HOURS } from './engine/breakGlass.ts';
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

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxBatch: 128, maxWaitMs: 0 };

/** Tokens and failed authentication (TOKEN_TTL_DAYS, AUTH_FAILURE_LIMIT, AUTH_FAILURE_WINDOW_SECONDS). */
export interface AccessOptions {
  /** Every read and write of a case passes the caller's need-to-know scope (the application always; src/app.ts). */
  enforceScope?: boolean;
  /** How long a break-glass grant lasts (`BREAK_GLASS_HOURS`). */
  breakGlassHours?: number;
  tokenTtlDays?: number;
  authFailureLimit?: number;
  authFailureWindowSeconds?: number;
}

/** What createServices may be given; each part left out takes its default (the system clock, DEFAULT_GROUP_COMMIT, no scope enforcement). */
export interface ServiceOptions {
  clock?: Clock;
  /**
   * The master key wrapping every person's data key (docs/erasure.md). When none is given: the
   * key file beside a database file (`<database>.master.key`, generated when new), as `npm start`
   * uses; an ephemeral key for an in-memory database (tests, dry runs).
   */
  masterKey?: Buffer;
  audit?: AuditLogOptions;
  groupCommit?: GroupCommitOptions;
  access?: AccessOptions;
}

function defaultMasterKey(repos: Repositories): Buffer {
  const client = repos.db.$client;
  return client.memory ? randomBytes(32) : resolveMasterKey({ DATABASE_PATH: client.name }, () => repos.personKeys.hasAny()).key;
}

/** The engine's services over one set of repositories: what the API and the CLI call. */
export function createServices(repos: Repositories, options: ServiceOptions = {}) {
  const { clock = { now: () => new Date().toISOString() }, audit = {}, groupCommit = DEFAULT_GROUP_COMMIT, access = {} } = options;
  // First of all: a wrong master key is refused before anything reads or writes a person's data.
  // Services built again over the same repositories (a dry run's) keep the keyring they have.
  if (options.masterKey || !hasKeyring(repos)) attachKeyring(repos, options.masterKey ?? defaultMasterKey(repos), clock.now());
  // Before anything writes: every transaction keeps the derived columns and tasks of the cases it wrote.
  const indexer = createCaseIndexer(repos, clock);
  repos.onBeforeCommit(indexer.refresh);
  indexer.reindexStale();
  // Who sees which case: one gate, passed to every service that loads a case for a caller.
  const scope = createScopeService(repos, clock, { enforce: access.enforceScope ?? false });
  const commands = createCommandService(repos, clock, scope);
  /** Commands from the API: queued and committed in groups (one fsync per group). */
  const commits = createGroupCommit(commands, groupCommit);
  const health = createHealth(() => clock.now());
  repos.onCommit(() => health.committed());
  // An erasure's pages leave the WAL as soon as it commits (docs/erasure.md).
  repos.onCommit(() => checkpointAfterErasure(repos));
  const cases = createCaseService(repos, clock, commands, scope);
  const queries = createQueryService(repos, clock, cases, scope);
  const policy = createPolicyService(repos, clock);
  const privacy = createPrivacyService(repos, clock, { cases, queries, scope });
  /** Failed authentication, refusals, rate limits, break-glass, audit forks (never a token, never case content). */
  const security = createSecurityLog(repos, clock, (event, error) => audit.security?.({ kind: event.kind, detail: { unrecorded: true, error: error instanceof Error ? error.name : 'unknown' } }));
  const key = audit.key ?? loadOrCreateKey(null, DEFAULT_LOG_ORIGIN);
  const transparency = createTransparencyLog(repos, clock, key, { checkpointEvery: audit.checkpointEvery ?? 1000, checkpointSeconds: audit.checkpointSeconds ?? 60 }, (event) => {
    // A fork goes to the security log reviewers read, and to the process log.
    security.record({ kind: 'audit_fork', detail: event.detail });
    audit.security?.(event);
  });
  const verifier = createVerifier(repos, clock, key.vkey, audit.verifyChunk !== undefined ? { chunk: audit.verifyChunk } : {});
  /** Proof bundles for exports (JSON, print, the dossier): records as the reader sees them in, bundle out. */
  const proofs = {
    bundle: (records: ReadonlyArray<RecordFor<AuditRow>>, coverage: BundleCoverage) => proofBundle(repos, transparency, records, coverage),
    hashed: (records: ReadonlyArray<RecordFor<AuditRow>>) => hashedForms(repos, records),
    /** The inclusion proof of one of a case's records, for a reader in the case's scope (the case page's proof links): hashes only. */
    caseInclusion(actor: Pick<Actor, 'id' | 'roles'>, caseId: string, seq: number) {
      scope.require(actor, caseId);
      if (repos.audit.bySeqs([seq])[0]?.caseId !== caseId) throw notFound(`record ${seq} of case ${caseId}`);
      return transparency.inclusion(seq);
    },
  };
  /** A rule set by the hash audit records carry. */
  const rulesets = (hash: string) => repos.rulesets.get(hash);
  const agreements = createAgreementService(repos, clock, commands, scope, proofs.bundle);
  /** Users, roles and tokens, audited in the chain; grants that see identity are four-eyes. */
  const users = createUserService(repos, clock, access.tokenTtlDays !== undefined ? { tokenTtlDays: access.tokenTtlDays } : {});
  /** Failed authentications per client address and token prefix (in memory, on the engine's clock). */
  const authThrottle = createThrottle({
    limit: access.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT,
    windowMs: (access.authFailureWindowSeconds ?? DEFAULT_AUTH_FAILURE_WINDOW_SECONDS) * 1000,
  });
  const teams = createTeamService(repos, clock);
  const breakGlass = createBreakGlassService(repos, clock, scope, security, { hours: access.breakGlassHours ?? DEFAULT_BREAK_GLASS_HOURS });
  // Each call into these is one operation for the keyring: a person's key is unwrapped once per
  // command, batch or read request, and forgotten after it (docs/erasure.md).
  for (const service of [commands, cases, queries, policy, privacy, proofs, agreements, breakGlass]) perOperation(keyringOf(repos), service);
  return { repos, clock, scope, teams, breakGlass, commands, commits, health, cases, queries, policy, privacy, transparency, verifier, proofs, rulesets, agreements, security, users, authThrottle };
}
export type Services = ReturnType<typeof createServices>;
