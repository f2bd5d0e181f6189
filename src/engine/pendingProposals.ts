import type { PendingRow } from '../../db/index.ts';
import { invalid } from './errors.ts';

/**
 * The pending proposal a CONFIRM_PENDING / REJECT_PENDING addresses: the one named by `pendingId`,
 * or, when it is left out, the only open proposal of that workflow (and instance, when named) on
 * the case — like `instance`, it may be left out when only one is open.
 * `undefined`: none is open (the command means nothing now).
 */
export function pickPending(open: readonly PendingRow[], workflow: string, instance: string | undefined): PendingRow | undefined {
  const candidates = open.filter((p) => p.workflow === workflow && (instance === undefined || p.instance === instance));
  if (candidates.length > 1) {
    throw invalid([{ path: 'data.pendingId', message: `several proposals wait on ${workflow} (${candidates.map((p) => p.id).join(', ')}): name one` }]);
  }
  return candidates[0];
}
