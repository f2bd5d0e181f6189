import type { Repositories } from '../../db/index.ts';
import { complianceFlags, inForce, Jurisdiction } from '../../workflows/jurisdictions.ts';
import type { Actor } from '../../workflows/roles.ts';
import { Settings } from '../../workflows/settings.ts';
import { appendAudit } from './audit.ts';
import type { Clock } from './commands.ts';
import { AppError, invalid, zodIssues } from './errors.ts';
import { loadJurisdictions, loadSettings } from './views.ts';

/**
 * Policy data: jurisdiction versions and settings. Every change is a new version, audited;
 * it applies to decisions taken after it, never to records already written.
 */
export function createPolicyService(repos: Repositories, clock: Clock) {
  return {
    jurisdictions(at = clock.now()) {
      const all = loadJurisdictions(repos);
      const codes = [...new Set(all.map((j) => j.code))].sort();
      return codes.map((code) => {
        const versions = all.filter((j) => j.code === code);
        const current = inForce(all, code, at) ?? versions[0]!;
        return { ...current, compliance: complianceFlags(current), versions: versions.map((v) => ({ validFrom: v.validFrom, macrGeneral: v.macrGeneral, compliance: complianceFlags(v) })) };
      });
    },

    putJurisdiction(code: string, body: unknown, actor: Actor) {
      const at = clock.now();
      const parsed = Jurisdiction.safeParse(body);
      if (!parsed.success) throw invalid(zodIssues(parsed.error, 'body'));
      if (parsed.data.code !== code) throw invalid([{ path: 'body.code', message: `must equal the path code ${code}` }]);
      return repos.transaction(() => {
        if (repos.jurisdictions.exists(code, parsed.data.validFrom)) {
          throw new AppError('VERSION_CONFLICT', `a version of ${code} valid from ${parsed.data.validFrom} exists: versions are immutable, add one with a later validFrom`, { currentVersion: parsed.data.validFrom });
        }
        repos.jurisdictions.insert({ code, validFrom: parsed.data.validFrom, data: parsed.data, recordedAt: at, recordedBy: actor.id });
        const flags = complianceFlags(parsed.data);
        const record = appendAudit(repos, {
          at, caseId: null, workflow: 'jurisdiction', instance: code, actor, type: 'JURISDICTION_VERSION_ADDED', data: parsed.data,
          fromState: null, toState: null, result: 'applied', verdicts: [],
        });
        return { ...parsed.data, compliance: flags, auditSeq: record.seq };
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
        const record = appendAudit(repos, { at, caseId: null, workflow: 'settings', actor, type: 'SETTINGS_CHANGED', data: body, fromState: null, toState: null, result: 'applied', verdicts: [] });
        return { ...parsed.data, auditSeq: record.seq };
      });
    },
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;
