import type { AuditRow } from '../../db/index.ts';
import type { Jurisdiction } from '../../workflows/jurisdictions.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { CaseView, FamilyMember, RuleContext, WorkflowView } from '../../workflows/rules/types.ts';
import type { TeamView } from '../../workflows/access.ts';
import type { Settings } from '../../workflows/settings.ts';

/**
 * The one builder of what the rules read (RuleContext): commands, follow-ups and joint moves
 * (commands.ts), replay (replay.ts) and impact analysis (impact.ts) all pass through it, so a
 * field added to the context is added once.
 */

export interface ContextSources {
  at: string;
  actor: Actor;
  command: { workflow: string; instance: string; type: string; data: Readonly<Record<string, unknown>>; justification?: string | null | undefined };
  subject: CaseView;
  workflow: WorkflowView;
  jurisdictions: readonly Jurisdiction[];
  settings: Settings;
  /**
   * Few rules read the family or the teams: they are loaded on first read, once per context. The
   * engine reads them inside the command's transaction, before any member is written, so a lazy
   * read sees what an eager one would have seen.
   */
  family: () => readonly FamilyMember[];
  teams?: () => readonly TeamView[];
  extra?: Partial<RuleContext>;
}

export function ruleContext(s: ContextSources): RuleContext {
  let family: readonly FamilyMember[] | undefined;
  let teams: readonly TeamView[] | undefined;
  const { workflow, instance, type, data, justification } = s.command;
  const loadTeams = s.teams;
  return {
    at: s.at,
    actor: s.actor,
    command: { workflow, instance, type, data, ...(justification ? { justification } : {}) },
    subject: s.subject,
    workflow: s.workflow,
    get family(): readonly FamilyMember[] {
      return (family ??= s.family());
    },
    ...(loadTeams
      ? {
          // Read by case.TRANSFER only (KP-DATA-01).
          get teams(): readonly TeamView[] {
            return (teams ??= loadTeams());
          },
        }
      : {}),
    jurisdictions: s.jurisdictions,
    settings: s.settings,
    ...s.extra,
  };
}

/** Keys the engine adds to a record's data that the command never carried. */
const ENGINE_KEYS = new Set(['proposedBy', 'jointWith', 'causedBy', 'pendingId']);

/**
 * A recorded command (an audit record) as the rules saw it: its data without the engine's own
 * keys, and who proposed it (a 2ND confirmation) or which case it was joint with, as context.
 */
export function recordedCommand(r: AuditRow): { command: ContextSources['command']; extra: Partial<RuleContext> } {
  const raw = (r.data ?? {}) as Record<string, unknown>;
  const data = Object.fromEntries(Object.entries(raw).filter(([k]) => !ENGINE_KEYS.has(k)));
  return {
    command: { workflow: r.workflow, instance: r.instance, type: r.type, data, justification: r.justification },
    extra: {
      ...(typeof raw['proposedBy'] === 'string' ? { proposedBy: { id: raw['proposedBy'], roles: [] } } : {}),
      ...(typeof raw['jointWith'] === 'string' ? { origin: raw['jointWith'] } : {}),
    },
  };
}
