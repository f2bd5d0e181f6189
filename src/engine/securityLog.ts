import type { Repositories, SecurityEventInput } from '../../db/index.ts';
import type { Clock } from './commands.ts';

/** What the security log records. Reviewers read it (`GET /v1/security-events`). */
export const SECURITY_EVENT_KINDS = [
  'authentication_failed',
  'sign_in_failed',
  'forbidden',
  'rate_limited',
  'break_glass',
  'audit_fork',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export type SecurityEvent = Partial<Omit<SecurityEventInput, 'at' | 'kind'>> & { kind: SecurityEventKind };

/**
 * The security log: every failed authentication, refusal, rate limit, break-glass and audit fork,
 * as one row each. It holds a token's prefix at most, never a token, and never case content: a
 * route template, a status, a case id and a small `detail` of codes. A write that fails (a full
 * disk) must not turn a 401 into a 500: the event goes to the process log instead.
 */
export function createSecurityLog(repos: Repositories, clock: Clock, fallback: (event: SecurityEvent, error: unknown) => void = () => {}) {
  return {
    record(event: SecurityEvent): void {
      const row: SecurityEventInput = {
        at: clock.now(),
        kind: event.kind,
        actorId: event.actorId ?? null,
        address: event.address ?? null,
        tokenPrefix: event.tokenPrefix ?? null,
        route: event.route ?? null,
        status: event.status ?? null,
        caseId: event.caseId ?? null,
        detail: event.detail ?? null,
      };
      try {
        repos.transaction(() => repos.securityEvents.insert(row));
      } catch (error) {
        fallback(event, error);
      }
    },
    list: repos.securityEvents.list,
  };
}
export type SecurityLog = ReturnType<typeof createSecurityLog>;
