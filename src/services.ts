import type { Repositories } from '../db/index.ts';
import { createAgreementService } from './engine/agreements.ts';
import { createCaseIndexer } from './engine/caseIndex.ts';
import { createCaseService } from './engine/cases.ts';
import { createCommandService, type Clock } from './engine/commands.ts';
import { createPolicyService } from './engine/policy.ts';
import { createPrivacyService } from './engine/privacy.ts';
import { createQueryService } from './engine/queries.ts';

/** The engine's services over one set of repositories: what the API and the CLI call. */
export function createServices(repos: Repositories, clock: Clock = { now: () => new Date().toISOString() }) {
  // Before anything writes: every transaction keeps the derived columns and tasks of the cases it wrote.
  const indexer = createCaseIndexer(repos, clock);
  repos.onBeforeCommit(indexer.refresh);
  indexer.reindexStale();
  const commands = createCommandService(repos, clock);
  const cases = createCaseService(repos, clock, commands);
  const queries = createQueryService(repos, clock, cases);
  const policy = createPolicyService(repos, clock);
  const privacy = createPrivacyService(repos, clock, { cases, queries });
  const agreements = createAgreementService(repos, clock, commands);
  return { repos, clock, commands, cases, queries, policy, privacy, agreements };
}
export type Services = ReturnType<typeof createServices>;
