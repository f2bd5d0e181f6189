import { describe, expect, it } from 'vitest';
import { allLatest } from '../../workflows/index.ts';
import { RULE_IDS } from '../../workflows/rules/ids.ts';
import { allows, guardedCommands, refuses, RULES, rulesFor } from '../../workflows/rules/registry.ts';
import { rule } from '../../workflows/rules/rule.ts';
import { SEVERITIES, type RuleContext, type Verdict } from '../../workflows/rules/types.ts';

/** Rules declare the commands they guard; each command's rule list is derived from them. */
describe('rule declarations', () => {
  const commands = new Set(allLatest().flatMap((d) => Object.keys(d.commands).map((type) => `${d.kind}.${type}`)));

  it('declares every id of the catalogue once, in catalogue order', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });

  it('every rule guards at least one command, and every command it names exists', () => {
    for (const r of RULES) expect(r.commands.length, r.id).toBeGreaterThan(0);
    expect(guardedCommands().filter((key) => !commands.has(key))).toEqual([]);
  });

  it("a command's rules are exactly the rules that declare it, in catalogue order", () => {
    for (const d of allLatest()) {
      for (const [type, spec] of Object.entries(d.commands)) {
        const declaring = RULES.filter((r) => r.commands.includes(`${d.kind}.${type}`)).map((r) => r.id);
        expect(spec.rules, `${d.kind}.${type}`).toEqual(declaring);
        expect(rulesFor(d.kind, type)).toEqual(declaring);
      }
    }
    expect(rulesFor('best_interests', 'PANEL_DECIDE')).toEqual(expect.arrayContaining(['KP-CHILD-01', 'KP-CHILD-04', 'KP-SYS-03']));
    expect(rulesFor('best_interests', 'START_BIA')).toEqual([]);
  });

  it('a check runs only on a command the rule guards', () => {
    const declared = rule({ id: 'KP-SYS-03', principles: ['B.general.due-process'], summary: 'test', severity: 'block' })
      .on('screening.APPROVE', () => ({ ok: true, reason: 'approve' }))
      .on(['age_assessment.CONFIRM'], () => ({ ok: false, reason: 'confirm' }));
    const ctx = (workflow: string, type: string) => ({ command: { workflow, instance: '', type, data: {} } }) as unknown as RuleContext;
    expect(declared.commands).toEqual(['screening.APPROVE', 'age_assessment.CONFIRM']);
    expect(declared.check(ctx('screening', 'APPROVE')).reason).toBe('approve');
    expect(declared.check(ctx('age_assessment', 'CONFIRM')).reason).toBe('confirm');
    expect(() => declared.check(ctx('screening', 'SUBMIT'))).toThrow('KP-SYS-03 does not guard screening.SUBMIT');
    expect(() => declared.on('screening.APPROVE', () => ({ ok: true, reason: '' }))).toThrow('already guards');
  });

  it('the one refusal test: a failed verdict refuses unless it is WARN or TIMER', () => {
    const verdict = (severity: Verdict['severity'], ok: boolean): Verdict => ({ rule: 'KP-SYS-01', ok, severity, reason: '', principle: 'B.general.due-process' });
    const refusing = SEVERITIES.filter((s) => refuses(verdict(s, false)));
    expect(refusing).toEqual(['block', 'block-unless', '2nd', 'justify']);
    expect(SEVERITIES.some((s) => refuses(verdict(s, true)))).toBe(false);
    expect(allows([verdict('warn', false), verdict('timer', false), verdict('block', true)])).toBe(true);
    expect(allows([verdict('justify', false)])).toBe(false);
  });
});
