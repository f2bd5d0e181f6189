import type { Repositories } from '../../db/index.ts';
import { keyringOf } from './personalData.ts';

/**
 * What an applied case.ERASE does in its transaction (docs/erasure.md): the person's data key is
 * destroyed, so every envelope of theirs (facts, evidence, records, proposals, contexts) reads
 * `[erased]` from now on while the records, their chain hashes and Merkle leaves stay as they
 * were. The derived plaintext (blind name index, location terms, child date, tasks) is removed by
 * the case indexer before the commit (src/engine/caseIndex.ts), as for any erased person.
 */
export function eraseCase(repos: Repositories, caseId: string, by: string, at: string): void {
  keyringOf(repos).erase(caseId, at);
  // Nothing can be decided about an erased person: proposals still waiting are withdrawn.
  for (const p of repos.pending.open(caseId)) if (p.status === 'pending') repos.pending.resolve(p.id, 'rejected', by, at);
  repos.cases.touchFacts(caseId);
  erasedSinceCheckpoint.add(repos);
}

const erasedSinceCheckpoint = new WeakSet<Repositories>();

/**
 * After the commit of an erasure: the WAL is folded into the database file and truncated, so the
 * pages that held the key and the index (overwritten in the file: secure_delete is on) do not
 * stay readable in the WAL. Registered on the repositories' commit.
 */
export function checkpointAfterErasure(repos: Repositories): void {
  if (!erasedSinceCheckpoint.has(repos)) return;
  erasedSinceCheckpoint.delete(repos);
  if (!repos.db.$client.memory) repos.db.$client.pragma('wal_checkpoint(TRUNCATE)');
}
