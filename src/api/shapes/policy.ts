import { z } from 'zod';
import { AssistanceEligibilityRule } from '../../../workflows/assistance.ts';
import { Jurisdiction as JurisdictionData } from '../../../workflows/jurisdictions.ts';
import { Settings as SettingsData } from '../../../workflows/settings.ts';
import { Trace } from './cases.ts';
import { list } from './common.ts';

/** Answers of the law the engine applies and of policy staff's tools: jurisdictions, settings, eligibility, catalogue, workflows, dry runs, impact. */

const Compliance = z.array(z.looseObject({ code: z.string(), message: z.string() })).describe('where the state falls short of the principles');

export const Jurisdiction = JurisdictionData.loose().extend({
  compliance: Compliance,
  versions: z.array(z.looseObject({ validFrom: z.string(), macrGeneral: z.number().int(), compliance: Compliance })).optional(),
});
export const JurisdictionDetail = Jurisdiction.extend({
  revisions: z.array(z.looseObject({ validFrom: z.string(), revision: z.number().int(), recordedAt: z.string(), recordedBy: z.string(), data: z.looseObject({}) })).describe('every stored version, corrections included'),
});
export const JurisdictionStored = Jurisdiction.extend({
  revision: z.number().int(),
  unchanged: z.boolean().describe('the same body again: nothing written'),
  auditSeq: z.number().int().optional().describe('absent when unchanged'),
});

export const Settings = SettingsData.loose();
export const SettingsStored = SettingsData.loose().extend({ auditSeq: z.number().int() });

export const AssistanceEligibility = z.looseObject({
  version: z.number().int().describe('0: none stored'),
  rules: z.array(AssistanceEligibilityRule.loose()),
  recordedAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
  auditSeq: z.number().int().optional().describe('on a change'),
});

export const RulesCatalogue = list(z.looseObject({ id: z.string(), summary: z.string(), severity: z.string(), principles: z.array(z.string()), principle: z.string(), reference: z.string() }));
export const RuleSetSource = z.looseObject({ hash: z.string(), source: z.unknown().describe('the decision logic source, jurisdiction data and settings then in force'), firstSeenAt: z.string() });
export const Principles = list(z.looseObject({ id: z.string(), ref: z.string(), section: z.string(), summary: z.string() }));

const Transition = z.looseObject({ from: z.string(), event: z.string(), to: z.array(z.string()), rules: z.array(z.string()), roles: z.array(z.string()) });
export const Workflow = z.looseObject({
  kind: z.string(),
  title: z.string(),
  version: z.number().int(),
  versions: z.array(z.number().int()),
  instances: z.string(),
  initial: z.string(),
  states: z.array(z.string()),
  events: z.array(z.string()),
  commands: z.array(z.looseObject({ type: z.string(), summary: z.string(), roles: z.array(z.string()), rules: z.array(z.string()), data: z.looseObject({}).describe('JSON Schema of the command data') })),
  transitions: z.array(Transition),
});
export const Diagram = z.looseObject({
  kind: z.string(),
  version: z.number().int(),
  title: z.string(),
  initial: z.string(),
  nodes: z.array(z.looseObject({ id: z.string(), initial: z.boolean(), final: z.boolean() })),
  edges: z.array(z.looseObject({ from: z.string(), to: z.string(), event: z.string(), rules: z.array(z.string()), roles: z.array(z.string()) })),
});

export const ScenarioRun = z.looseObject({
  name: z.string(),
  passed: z.boolean(),
  errors: z.array(z.string()),
  steps: z.array(z.looseObject({ index: z.number().int(), case: z.string(), workflow: z.string(), type: z.string(), as: z.string(), result: z.string(), before: z.string().nullable(), after: z.string().nullable(), failed: z.array(z.string()), expected: z.string(), ok: z.boolean(), problems: z.array(z.string()) })),
  coverage: z.array(z.looseObject({ rule: z.string(), allowing: z.number().int(), refusing: z.number().int(), mark: z.string(), conditions: z.array(z.looseObject({ condition: z.string() })) })),
  trace: Trace.optional(),
});

const ImpactSide = z.looseObject({ result: z.string(), state: z.string(), outcome: z.string().nullable(), refusedBy: z.array(z.string()) });
export const ImpactReport = z.looseObject({
  change: z.looseObject({}).describe('what was proposed'),
  source: z.enum(['cases', 'scenarios']),
  cases: z.number().int(),
  commands: z.number().int(),
  changed: z.number().int(),
  results: z.record(z.string(), z.number().int()).describe('changed results by current→proposed'),
  byRule: z.array(z.looseObject({ rule: z.string(), changed: z.number().int(), newlyRefusing: z.number().int(), newlyAllowing: z.number().int(), otherwise: z.number().int(), cases: z.number().int() })),
  changes: z.array(z.looseObject({ seq: z.number().int(), at: z.string(), case: z.string().describe('the case reference, never its id'), workflow: z.string(), type: z.string(), recorded: z.string(), current: ImpactSide, proposed: ImpactSide, kind: z.enum(['result', 'verdict']), rules: z.array(z.looseObject({ rule: z.string() })) })),
  truncated: z.number().int(),
  skipped: z.number().int(),
  differFromRecord: z.number().int(),
});

export const RuleSets = list(z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  status: z.literal('proposed'),
  workflows: z.array(z.looseObject({ kind: z.string(), version: z.number().int(), inForce: z.number().int().nullable() })),
  rules: z.array(z.looseObject({ rule: z.string(), severity: z.string(), summary: z.string() })),
}));
