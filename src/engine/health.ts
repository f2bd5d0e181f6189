import { databaseFailure, type DatabaseFailure } from '../../db/failures.ts';
import { AppError } from './errors.ts';

/**
 * Whether the database can write, as the last writes found it (GET /health). A write that fails
 * for want of disk, permission, I/O or the lock makes the engine `degraded`; the next write that
 * commits makes it `ok` again, with no restart. Corruption found at run time is `corrupt` until
 * an operator restores and restarts: it is never cleared by a later write.
 */
export type HealthReport =
  | { status: 'ok' }
  | { status: 'degraded'; reason: DatabaseFailure; since: string }
  | { status: 'corrupt'; reason: 'corrupt'; since: string };

const MESSAGES: Record<DatabaseFailure, string> = {
  disk_full: 'the database cannot write now: the disk is full',
  read_only: 'the database cannot write now: it is read-only',
  io_error: 'the database cannot write now: an I/O error occurred',
  busy: 'the database cannot write now: it is busy',
  corrupt: 'the database is corrupt: an operator must restore it',
};

/** Seconds a client should wait before retrying, per reason. */
const RETRY_AFTER: Record<DatabaseFailure, number> = { busy: 1, io_error: 5, disk_full: 30, read_only: 30, corrupt: 300 };

export interface HealthLog {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export function createHealth(now: () => string = () => new Date().toISOString()) {
  let report: HealthReport = { status: 'ok' };
  let log: HealthLog | undefined;
  return {
    /** Where transitions are logged (the server's logger, once it exists). */
    attach(logger: HealthLog): void {
      log = logger;
    },
    report(): HealthReport {
      return report;
    },
    /**
     * Records a failed write and returns the 503 it is answered with, or `undefined` when the error
     * is no database failure. Each change of state is logged once (corruption at error level).
     */
    failed(error: unknown): AppError | undefined {
      const reason = databaseFailure(error);
      if (!reason) return undefined;
      if (reason === 'corrupt') {
        if (report.status !== 'corrupt') {
          report = { status: 'corrupt', reason, since: now() };
          log?.error({ reason, code: (error as { code?: string }).code }, 'database corrupt: restore from a backup');
        }
      } else if (report.status === 'ok' || (report.status === 'degraded' && report.reason !== reason)) {
        report = { status: 'degraded', reason, since: now() };
        log?.warn({ reason, code: (error as { code?: string }).code }, 'database degraded: writes refused');
      }
      return new AppError('UNAVAILABLE', MESSAGES[reason], { reason, retryAfter: RETRY_AFTER[reason] });
    },
    /** A write committed: a degraded database has recovered. */
    committed(): void {
      if (report.status === 'degraded') {
        log?.warn({ reason: report.reason }, 'database recovered: writes accepted');
        report = { status: 'ok' };
      }
    },
  };
}
export type Health = ReturnType<typeof createHealth>;
