import type { Repositories } from '../db/index.ts';
import { createCaseIndexer } from './engine/caseIndex.ts';
import { createCaseService } from './engine/cases.ts';
import { createCommandService, type Clock } from './engine/commands.ts';
import { createGroupCommit, type GroupCommitOptions } from './engine/groupCommit.ts';
import { createHealth } from './engine/health.ts';
import { createPolicyService } from './engine/policy.ts';
import { createPrivacyService } from './engine/privacy.ts';
import { createQueryService } from './engine/queries.ts';

/** The engine's services over one set of repositories: what the API and the CLI call. */
export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxBatch: 128, maxWaitMs: 0 };

export function createServices(repos: Repositories, clock: Clock = { now: () => new Date().toISOString() }, groupCommit: GroupCommitOptions = DEFAULT_GROUP_COMMIT) {
  // Before anything writes: every transaction keeps the derived columns and tasks of the cases it wrote.
  const indexer = createCaseIndexer(repos, clock);
  repos.onBeforeCommit(indexer.refresh);
  indexer.reindexStale();
  const commands = createCommandService(repos, clock);
  /** Commands from the API: queued and committed in groups (one fsync per group). */
  const commits = createGroupCommit(commands, groupCommit);
  const health = createHealth(() => clock.now());
  repos.onCommit(() => health.committed());
  const cases = createCaseService(repos, clock, commands);
  const queries = createQueryService(repos, clock, cases);
  const policy = createPolicyService(repos, clock);
  const privacy = createPrivacyService(repos, clock, { cases, queries });
  return { repos, clock, commands, commits, health, cases, queries, policy, privacy };
}
export type Services = ReturnType<typeof createServices>;
