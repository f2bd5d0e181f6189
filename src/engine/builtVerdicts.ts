import type { PrincipleId } from '../../workflows/principles.ts';
import { qualify, render, type Message } from '../../workflows/rules/messages.ts';
import type { Explanation, Severity, Verdict } from '../../workflows/rules/types.ts';

/**
 * A verdict the engine builds itself, outside a rule's check (JOINT on a family member who cannot
 * move, KP-SYS-03 on a proposer confirming their own proposal, KP-HUM-01 and KP-CHILD-06 on an
 * assistance-eligibility configuration): structured like a rule's, with its code qualified by the
 * rule, its English reason rendered from the message, and its hints qualified the same way.
 */
export function builtVerdict(
  head: { readonly rule: string; readonly ok: boolean; readonly severity: Severity; readonly principle: PrincipleId; readonly case?: string },
  message: Message,
  extra: Omit<Explanation, 'more'> = {},
): Verdict {
  const q = (m: Message): Message => ({ ...m, code: qualify(head.rule, m.code) });
  return {
    ...head,
    code: qualify(head.rule, message.code),
    ...(message.params ? { params: message.params } : {}),
    reason: render(message, 'en'),
    ...(extra.facts?.length ? { facts: extra.facts } : {}),
    ...(extra.evidenceIds?.length ? { evidenceIds: extra.evidenceIds } : {}),
    ...(!head.ok && extra.toAllow?.length ? { toAllow: extra.toAllow.map(q) } : {}),
  };
}
