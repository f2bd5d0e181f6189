import { retaskAll } from './caseIndex.ts';
import type { Repositories } from '../../db/index.ts';
import { AssistanceEligibilityConfig, validateAssistanceEligibility, type AssistanceEligibilityRule, type EligibilityIssue } from '../../workflows/assistance.ts';
import { say } from '../../workflows/rules/policy.messages.ts';
import { complianceFlags, inForce, Jurisdiction } from '../../workflows/jurisdictions.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { Verdict } from '../../workflows/rules/types.ts';
import { Settings } from '../../workflows/settings.ts';
import { canonical } from '../audit/chain.ts';
import { appendAudit } from './audit.ts';
import { builtVerdict } from './builtVerdicts.ts';
import type { Clock } from './commands.ts';
import { AppError, invalid, zodIssues } from './errors.ts';
import { loadJurisdictions, loadSettings } from './views.ts';

/**
 * The verdict on one forbidden criterion of an assistance-eligibility configuration: consent is
 * KP-CHILD-06's (consent is never a condition of aid), the other concepts KP-HUM-01's.
 */
function eligibilityVerdict(i: EligibilityIssue): Verdict {
  const at = { assistance: i.assistance ?? 'other', field: i.field ?? '?' };
  const facts = [['body', ...i.path.map(String)].join('.')];
  if (i.rule === 'KP-CHILD-06') {
    return builtVerdict({ rule: i.rule, ok: false, severity: 'block', principle: 'B.children.best-interests' }, say('KP-CHILD-06.config_consent', at), {
      facts,
      toAllow: [say('KP-CHILD-06.allow_config_without_consent', { field: at.field })],
    });
  }
  return builtVerdict({ rule: 'KP-HUM-01', ok: false, severity: 'block', principle: 'B.humanitarian.non-discrimination' }, say('KP-HUM-01.config_forbidden', { ...at, concept: i.concept ?? '?' }), {
    facts,
    toAllow: [say('KP-HUM-01.allow_config_needs', { field: at.field })],
  });
}

/**
 * Policy data: jurisdiction versions and settings. Every change is a new version, audited;
 * it applies to decisions taken after it, never to records already written.
 */
export function createPolicyService(repos: Repositories, clock: Clock) {
  /** Each jurisdiction as in force at `at`, with its versions and compliance flags. */
  function jurisdictions(at = clock.now()) {
    const all = loadJurisdictions(repos);
    const codes = [...new Set(all.map((j) => j.code))].sort();
    return codes.map((code) => {
      const versions = all.filter((j) => j.code === code);
      const current = inForce(all, code, at) ?? versions[0]!;
      return { ...current, compliance: complianceFlags(current), versions: versions.map((v) => ({ validFrom: v.validFrom, macrGeneral: v.macrGeneral, compliance: complianceFlags(v) })) };
    });
  }

  return {
    jurisdictions,

    /** One jurisdiction as `jurisdictions()` shows it, with every revision of every version (corrections included). */
    jurisdiction(code: string, at = clock.now()) {
      const shown = jurisdictions(at).find((j) => j.code === code);
      if (!shown) return undefined;
      const revisions = repos.jurisdictions.revisions(code).map((r) => ({ validFrom: r.validFrom, revision: r.revision ?? 1, recordedAt: r.recordedAt, recordedBy: r.recordedBy, data: r.data }));
      return { ...shown, revisions };
    },

    /**
     * Adds a version in force from `validFrom` (JURISDICTION_VERSION_ADDED). The same body again
     * changes nothing (PUT is idempotent). A different body for an existing `validFrom` is a
     * correction: a new revision that applies from then on to decisions taken after it, audited
     * as JURISDICTION_VERSION_CORRECTED with the revision it supersedes; nothing is overwritten.
     */
    putJurisdiction(code: string, body: unknown, actor: Actor) {
      const at = clock.now();
      const parsed = Jurisdiction.safeParse(body);
      if (!parsed.success) throw invalid(zodIssues(parsed.error, 'body'));
      if (parsed.data.code !== code) throw invalid([{ path: 'body.code', message: `must equal the path code ${code}` }]);
      const data = parsed.data;
      return repos.transaction(() => {
        const existing = repos.jurisdictions.version(code, data.validFrom);
        const shown = (revision: number) => ({ ...data, revision, compliance: complianceFlags(data) });
        if (existing && canonical(existing.data) === canonical(data)) return { ...shown(existing.revision ?? 1), unchanged: true };
        const revision = (existing?.revision ?? 0) + 1;
        repos.jurisdictions.insert({ code, validFrom: data.validFrom, revision, data, recordedAt: at, recordedBy: actor.id });
        const record = appendAudit(repos, {
          at, caseId: null, workflow: 'jurisdiction', instance: code, actor,
          type: existing ? 'JURISDICTION_VERSION_CORRECTED' : 'JURISDICTION_VERSION_ADDED',
          data: existing ? { ...data, revision, supersedes: { revision: existing.revision ?? 1, data: existing.data } } : data,
          fromState: null, toState: null, result: 'applied', verdicts: [],
        });
        return { ...shown(revision), unchanged: false, auditSeq: record.seq };
      });
    },

    /** Seeds reference data once, on an empty table (start-up). */
    seedJurisdictions(seed: readonly Jurisdiction[]) {
      if (repos.jurisdictions.all().length > 0) return;
      const at = clock.now();
      repos.transaction(() => {
        for (const j of seed) repos.jurisdictions.insert({ code: j.code, validFrom: j.validFrom, data: j, recordedAt: at, recordedBy: 'system' });
      });
    },

    settings: () => loadSettings(repos),

    putSettings(body: unknown, actor: Actor) {
      const at = clock.now();
      const parsed = Settings.safeParse({ ...loadSettings(repos), ...(body as object) });
      if (!parsed.success) throw invalid(zodIssues(parsed.error, 'body'));
      return repos.transaction(() => {
        repos.settings.insert(parsed.data, at, actor.id);
        retaskAll(repos, at);
        const record = appendAudit(repos, { at, caseId: null, workflow: 'settings', actor, type: 'SETTINGS_CHANGED', data: body, fromState: null, toState: null, result: 'applied', verdicts: [] });
        return { ...parsed.data, auditSeq: record.seq };
      });
    },

    /** The assistance-eligibility configuration in force (version 0: none stored, no rules). */
    assistanceEligibility(): AssistanceEligibility {
      const row = repos.assistanceEligibility.latest();
      if (!row) return { version: 0, rules: [], recordedAt: null, recordedBy: null };
      return { version: row.version, rules: AssistanceEligibilityConfig.parse(row.rules), recordedAt: row.recordedAt, recordedBy: row.recordedBy };
    },

    /**
     * Replaces the assistance-eligibility configuration with a new version (KP-HUM-01: BLOCK at
     * config validation). Malformed rules: 400 naming the fields. Criteria on affiliation, screening
     * result, family links, security rating or prosecution: 422 RULES_REFUSED with one KP-HUM-01
     * verdict per criterion, the attempt audited as refused. Otherwise stored and audited.
     */
    putAssistanceEligibility(body: unknown, actor: Actor) {
      const at = clock.now();
      const checked = validateAssistanceEligibility(body);
      if (!checked.ok) {
        const schema = checked.issues.filter((i) => i.rule === 'schema');
        if (schema.length) throw invalid(schema.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
        // A criterion on consent is KP-CHILD-06's (consent is never a condition of aid); the others KP-HUM-01's.
        const verdicts: Verdict[] = checked.issues.map(eligibilityVerdict);
        const issues = checked.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), field: i.field, concept: i.concept }));
        const record = repos.transaction(() =>
          appendAudit(repos, { at, caseId: null, workflow: 'assistance_eligibility', actor, type: 'ASSISTANCE_ELIGIBILITY_CHANGED', data: { rules: body }, fromState: null, toState: null, result: 'refused', verdicts }),
        );
        throw new AppError('RULES_REFUSED', `refused by ${[...new Set(verdicts.map((v) => v.rule))].join(', ')}: ${verdicts.map((v) => v.reason).join('; ')}`, { verdicts, issues, auditSeq: record.seq });
      }
      return repos.transaction(() => {
        const previous = repos.assistanceEligibility.latest()?.version ?? 0;
        const version = repos.assistanceEligibility.insert(checked.rules, at, actor.id);
        const record = appendAudit(repos, {
          at, caseId: null, workflow: 'assistance_eligibility', actor, type: 'ASSISTANCE_ELIGIBILITY_CHANGED', data: { version, previousVersion: previous, rules: checked.rules },
          fromState: null, toState: null, result: 'applied', verdicts: [builtVerdict({ rule: 'KP-HUM-01', ok: true, severity: 'block', principle: 'B.humanitarian.non-discrimination' }, say('KP-HUM-01.config_needs_only'), { facts: ['body.criteria.field'] })],
        });
        return { version, rules: checked.rules, recordedAt: at, recordedBy: actor.id, auditSeq: record.seq };
      });
    },
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;

export interface AssistanceEligibility {
  /** 0 when nothing was ever stored. */
  version: number;
  rules: AssistanceEligibilityRule[];
  recordedAt: string | null;
  recordedBy: string | null;
}
