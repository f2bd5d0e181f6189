import type { Actor } from '../../workflows/roles.ts';

/** Roles that need to see who a child is; others see the case without identifying data (KP-DATA-01). */
const SEES_CHILD_IDENTITY = new Set(['caseworker', 'supervisor', 'bid_panel', 'legal_officer']);

interface CaseLike {
  child: boolean;
  person: { names: unknown; dateOfBirth: unknown; documents: unknown; placeOfBirth?: unknown };
}

export function redactFor<T extends CaseLike>(actor: Actor, c: T): T {
  if (!c.child || actor.roles.some((r) => SEES_CHILD_IDENTITY.has(r))) return c;
  const { placeOfBirth: _omit, ...person } = c.person;
  return { ...c, person: { ...person, names: [{ given: '[redacted]', family: '', script: 'latin' }], dateOfBirth: '[redacted]', documents: [] }, redacted: true };
}
