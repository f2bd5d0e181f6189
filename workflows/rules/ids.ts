/**
 * Every rule id of RULES.md, in catalogue order. Ids are stable and never renumbered; a rule is
 * declared once (rules/*.ts) under one of these ids, and the test suite checks both lists agree.
 */
export const RULE_IDS = [
  'KP-SCR-01',
  'KP-SCR-02',
  'KP-SCR-03',
  'KP-SCR-04',
  'KP-SCR-05',
  'KP-CHILD-01',
  'KP-CHILD-02',
  'KP-CHILD-03',
  'KP-CHILD-04',
  'KP-CHILD-05',
  'KP-CHILD-06',
  'KP-CHILD-07',
  'KP-CHILD-08',
  'KP-CHILD-09',
  'KP-CARE-01',
  'KP-CARE-02',
  'KP-DET-01',
  'KP-DET-02',
  'KP-DET-03',
  'KP-DET-04',
  'KP-AGE-01',
  'KP-AGE-02',
  'KP-AGE-03',
  'KP-AGE-04',
  'KP-JUS-01',
  'KP-JUS-02',
  'KP-JUS-03',
  'KP-JUS-04',
  'KP-JUS-05',
  'KP-JUS-06',
  'KP-JUS-07',
  'KP-RET-01',
  'KP-RET-02',
  'KP-RET-03',
  'KP-RET-04',
  'KP-RET-05',
  'KP-RET-06',
  'KP-NAT-01',
  'KP-NAT-02',
  'KP-NAT-03',
  'KP-NAT-04',
  'KP-DATA-01',
  'KP-DATA-02',
  'KP-DATA-03',
  'KP-DATA-04',
  'KP-GEN-01',
  'KP-REH-01',
  'KP-REH-02',
  'KP-HUM-01',
  'KP-SYS-01',
  'KP-SYS-02',
  'KP-SYS-03',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

const KNOWN: ReadonlySet<string> = new Set(RULE_IDS);

export const isRuleId = (id: string): id is RuleId => KNOWN.has(id);

/** A command a rule guards: `<workflow kind>.<COMMAND>`, e.g. `best_interests.PANEL_DECIDE`. */
export type CommandKey = `${string}.${string}`;

export const commandKey = (workflow: string, type: string): CommandKey => `${workflow}.${type}`;
