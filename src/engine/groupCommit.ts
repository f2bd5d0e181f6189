import type { CommandRequest, CommandService } from './commands.ts';
import { AppError } from './errors.ts';
import type { Outcome } from './outcomes.ts';

/**
 * Group commit. With `synchronous=FULL` every COMMIT waits for the disk (fsync); commands that
 * arrive while one is being written share the next transaction instead of each paying for its own.
 * The commit runs synchronously on the event loop, so what "arrives meanwhile" is every request
 * read in the loop turn after it: `submit()` queues the command, and the batch is applied on the
 * next turn (`setImmediate`), or after `maxWaitMs` when that is set, or at once when `maxBatch`
 * commands wait. applyBatch() gives each command its own SAVEPOINT in one transaction; a promise
 * settles only after that transaction has committed (or failed as a whole). Per-command semantics
 * (If-Match, idempotency, refusals audited, all-or-nothing writes) are the same as one at a time,
 * and the audit chain's order is the order of the queue.
 */
export interface GroupCommitOptions {
  /** Most commands in one transaction. */
  maxBatch: number;
  /** Longest a command waits for others before its batch is applied (0: the next event-loop turn). */
  maxWaitMs: number;
}

interface Waiting {
  req: CommandRequest;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

export function createGroupCommit(commands: Pick<CommandService, 'applyBatch'>, options: GroupCommitOptions) {
  const queue: Waiting[] = [];
  let immediate: NodeJS.Immediate | undefined;
  let timeout: NodeJS.Timeout | undefined;
  let closed = false;
  let batches = 0;
  let largest = 0;

  function schedule(): void {
    if (queue.length === 0 || immediate !== undefined) return;
    if (queue.length >= options.maxBatch || options.maxWaitMs <= 0) {
      // A full batch does not wait for the timer.
      if (timeout !== undefined) clearTimeout(timeout);
      timeout = undefined;
      immediate = setImmediate(flush);
      return;
    }
    timeout ??= setTimeout(flush, options.maxWaitMs);
  }

  /** Applies the next batch (at most maxBatch commands) in one transaction, then settles each. */
  function flush(): void {
    if (immediate !== undefined) clearImmediate(immediate);
    if (timeout !== undefined) clearTimeout(timeout);
    immediate = undefined;
    timeout = undefined;
    const batch = queue.splice(0, options.maxBatch);
    if (batch.length === 0) return;
    batches += 1;
    largest = Math.max(largest, batch.length);
    let results: ReturnType<CommandService['applyBatch']>;
    try {
      results = commands.applyBatch(batch.map((w) => w.req));
    } catch (error) {
      // Nothing of the batch was committed: every command fails with the cause.
      for (const w of batch) w.reject(error);
      schedule();
      return;
    }
    batch.forEach((w, i) => {
      const r = results[i]!;
      if (r.ok) w.resolve(r.outcome);
      else w.reject(r.error);
    });
    schedule();
  }

  return {
    /** Queues a command; resolves with its outcome once its transaction is on disk. */
    submit(req: CommandRequest): Promise<Outcome> {
      if (closed) return Promise.reject(new AppError('UNAVAILABLE', 'the server is shutting down', { reason: 'shutting_down', retryAfter: 5 }));
      return new Promise<Outcome>((resolve, reject) => {
        queue.push({ req, resolve, reject });
        schedule();
      });
    },
    /** Refuses new commands and applies every queued one now (clean shutdown). */
    drain(): void {
      closed = true;
      while (queue.length > 0) flush();
    },
    /** Batches applied and the largest so far (logged at shutdown; the bench reads them too). */
    stats(): { batches: number; largest: number } {
      return { batches, largest };
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;
