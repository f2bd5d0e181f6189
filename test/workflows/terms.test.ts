import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { versionsOf, WORKFLOW_KINDS } from '../../workflows/index.ts';
import { ENGINE_RECORDS } from '../../workflows/recordSchemas.ts';
import '../../workflows/rules/registry.ts';
import { render, TERMS } from '../../workflows/rules/messages.ts';

/**
 * Every state and every command has a name in both languages (issue 16.1): a verdict that cites a
 * state or a command (JOINT, KP-DATA-04, KP-JUS-05) must not leave a Latin id in an Arabic text.
 * Derived from the registry, so a new state or command without a name fails here.
 */
const latinIn = (text: string): string[] => text.match(/[A-Za-z]+/g) ?? [];

interface Node {
  readonly states?: Readonly<Record<string, Node>>;
}
const statesOf = (node: Node): string[] => Object.entries(node.states ?? {}).flatMap(([id, child]) => [id, ...statesOf(child)]);
const definitions = WORKFLOW_KINDS.flatMap((k) => versionsOf(k));
const stateIds = [...new Set(definitions.flatMap((d) => statesOf((d.machine as AnyStateMachine).root as Node)))];
const commandIds = [...new Set([...definitions.flatMap((d) => Object.keys(d.commands)), ...Object.keys(ENGINE_RECORDS).map((k) => k.slice(k.indexOf('.') + 1))])];

describe('names of states and commands', () => {
  it('reads states from nested machines and commands from every version', () => {
    expect(stateIds).toEqual(expect.arrayContaining(['in_progress', 'bid_preparation', 'detained']));
    expect(commandIds).toEqual(expect.arrayContaining(['RECORD_INTERVIEW', 'APPROVE_RETURN', 'CONFIRM_PENDING', 'BID_ANNULLED']));
  });

  it('every state of every registered workflow has an English and an Arabic name, the Arabic in Arabic', () => {
    const missing = stateIds.filter((s) => !TERMS[s]?.en.trim() || !TERMS[s]?.ar.trim() || latinIn(TERMS[s]!.ar).length);
    expect(missing, 'add them to workflows/rules/workflow.messages.ts').toEqual([]);
  });

  it('every command (and every record the engine writes itself) has an English and an Arabic name', () => {
    const missing = commandIds.filter((c) => !TERMS[c]?.en.trim() || !TERMS[c]?.ar.trim() || latinIn(TERMS[c]!.ar).length);
    expect(missing, 'add them to workflows/rules/workflow.messages.ts').toEqual([]);
  });

  it('a JOINT refusal for a member in screening reads wholly in Arabic but for the case reference', () => {
    const reference = 'KP-2026-000123';
    const verdict = { code: 'JOINT.member_cannot_move', params: { type: 'RECORD_INTERVIEW', case: reference, state: 'in_progress' } };
    const ar = render(verdict, 'ar');
    expect(ar).toBe(`لا معنى للأمر «تسجيل مقابلة» بالنسبة إلى الفرد ${reference} من الأسرة وهو في الحالة «قيد التنفيذ»`);
    expect(latinIn(ar.replace(reference, ''))).toEqual([]);
    expect(render(verdict, 'en')).toBe(`“record an interview” (RECORD_INTERVIEW) means nothing for member ${reference} in state “in progress”`);
    const hint = render({ code: 'JOINT.allow_member_moved', params: { type: 'START', case: reference } }, 'ar');
    expect(latinIn(hint.replace(reference, ''))).toEqual([]);
  });

  it('KP-DATA-04 and KP-JUS-05 name the state and the command in the reader\'s language', () => {
    expect(render({ code: 'KP-DATA-04.active_proceedings', params: { state: 'charged' } }, 'ar')).toBe('لا يجوز محو السجل ما دامت الإجراءات القانونية قائمة (موجّه إليه اتهام)');
    expect(latinIn(render({ code: 'KP-JUS-05.allow_guarantees', params: { command: 'RECORD_FAIR_TRIAL' } }, 'ar'))).toEqual([]);
  });
});
