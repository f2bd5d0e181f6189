import { fail, pass, workflowOf } from './facts.ts';
import { say } from './erasure.messages.ts';
import type { Rule } from './types.ts';
import { rule } from './rule.ts';

/** Erasure by crypto-shredding (docs/erasure.md): RULES.md §4.9, data protection. */

/** Legal states in which proceedings are open: the record is evidence someone may need. */
const OPEN_PROCEEDINGS: ReadonlySet<string> = new Set(['investigation', 'diversion', 'charged', 'judgment', 'appeal']);
/** Case states a record may be erased from: the work is over (closed) or the record was sealed. */
const ERASABLE: ReadonlySet<string> = new Set(['closed', 'sealed']);

const FACTS = ['case.state', 'legal.state', 'detention.state', 'command.proposedBy'];

export const erasureRules: readonly Rule[] = [
  rule({
    id: 'KP-DATA-04',
    principles: ['B.children.privacy', 'C.services-privacy'],
    summary: "Erase a person's record (case.ERASE, crypto-shredding) only once the case is closed or sealed, never while legal proceedings are open or the person is detained, and only on a supervisor's proposal confirmed by a data protection officer (four-eyes).",
    severity: '2nd',
    guards: ['case.ERASE'],
    previewable: false,
    check(ctx) {
      const state = ctx.workflow.state;
      if (!ERASABLE.has(state)) return fail(say('KP-DATA-04.not_closed', { state }), { severity: 'block', facts: FACTS, toAllow: [say('KP-DATA-04.allow_close')] });
      const legal = workflowOf(ctx.subject, 'legal')?.state;
      if (legal && OPEN_PROCEEDINGS.has(legal)) return fail(say('KP-DATA-04.active_proceedings', { state: legal }), { severity: 'block', facts: FACTS, toAllow: [say('KP-DATA-04.allow_proceedings')] });
      if (workflowOf(ctx.subject, 'detention')?.state === 'detained') return fail(say('KP-DATA-04.detained'), { severity: 'block', facts: FACTS, toAllow: [say('KP-DATA-04.allow_release')] });
      // The confirming actor's role is checked by the engine (the proposal waits for a DPO).
      if (!ctx.proposedBy) return fail(say('KP-DATA-04.needs_dpo'), { secondApprover: 'data_protection_officer', facts: FACTS });
      return pass(say('KP-DATA-04.confirmed'), { facts: FACTS });
    },
  }),
];
