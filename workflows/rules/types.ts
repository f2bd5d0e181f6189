import type { PrincipleId } from '../principles.ts';
import type { CommandKey, RuleId } from './ids.ts';
import type { Actor, Role } from '../roles.ts';
import type { CaseFacts, EvidenceItem, Relation } from '../caseFile.ts';
import type { Jurisdiction } from '../jurisdictions.ts';
import type { Settings } from '../settings.ts';
import type { TeamView } from '../access.ts';

/**
 * Severity words of RULES.md §0.3, lower-cased. `block-unless` refuses unless its condition holds;
 * `2nd` needs a distinct second approver; `justify` needs a justification; `warn` never refuses;
 * `timer` stores a due date (GET /v1/tasks) and never refuses on its own.
 */
export const SEVERITIES = ['block', 'block-unless', '2nd', 'justify', 'warn', 'timer'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A rule's answer on one attempted transition (API.md "A verdict"). */
export interface Verdict {
  /** The rule's id (a RuleId), or JOINT for the engine's verdict on a family member who cannot move. */
  readonly rule: string;
  readonly ok: boolean;
  readonly severity: Severity;
  readonly reason: string;
  readonly principle: PrincipleId;
  /** The member case this verdict is about, on joint (family) moves. */
  readonly case?: string;
  /** A 2ND rule that would pass with a second approver holding this role. */
  readonly secondApprover?: Role;
  /** Preview only (`next` on GET /cases/:id): the rule is decided on the command's data when sent. */
  readonly deferred?: boolean;
  /** The named conditions the check evaluated and whether each held (condition coverage). */
  readonly conditions?: Conditions;
}

/** Named conditions a check evaluated: name -> whether it held. */
export type Conditions = Readonly<Record<string, boolean>>;

/** What a rule's check returns; the registry adds id, severity and principle. */
export type Finding =
  | { readonly ok: true; readonly reason: string; readonly conditions?: Conditions }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly conditions?: Conditions;
      /** Overrides the rule's severity for this finding (e.g. a 2ND rule that must BLOCK here). */
      readonly severity?: Severity;
      /** The finding is lifted by a distinct second approver with this role (2ND). */
      readonly secondApprover?: Role;
    };

/** One workflow instance as rules see it. */
export interface WorkflowView {
  readonly kind: string;
  readonly instance: string;
  readonly version: number;
  readonly state: string;
  readonly outcome: string | null;
  readonly context: Readonly<Record<string, unknown>>;
}

/** One case as rules see it: facts, evidence and every workflow instance. */
export interface CaseView {
  readonly id: string;
  readonly reference: string;
  readonly facts: CaseFacts;
  readonly evidence: readonly EvidenceItem[];
  readonly workflows: readonly WorkflowView[];
  readonly createdAt: string;
  /** The owning team (need-to-know scope); absent on hypothetical cases without one. */
  readonly teamId?: string;
}

export interface FamilyMember extends CaseView {
  /** How this member relates to the subject: `mother` means "the subject's mother". */
  readonly relation: Relation;
}

export interface CommandView {
  readonly workflow: string;
  readonly instance: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly justification?: string;
}

/**
 * Everything a rule may read. Built by the engine from the database (or by simulate() from a
 * hypothetical case file); rules never do I/O and never read the clock: `at` is the moment.
 */
export interface RuleContext {
  readonly at: string;
  readonly actor: Actor;
  readonly command: CommandView;
  readonly subject: CaseView;
  /** The instance being moved, before the command. */
  readonly workflow: WorkflowView;
  readonly family: readonly FamilyMember[];
  readonly jurisdictions: readonly Jurisdiction[];
  readonly settings: Settings;
  /** The teams (id and organisation), read by case.TRANSFER's KP-DATA-01 check; built by the engine. */
  readonly teams?: readonly TeamView[];
  /** Set when a second approver confirms a pending proposal (2ND): who proposed it. */
  readonly proposedBy?: Actor;
  /** Preview (`next`): rules that need the command's data are deferred, not failed. */
  readonly preview?: boolean;
  /**
   * On a joint (family) move, the case the command was addressed to; the subject is then one of
   * the members moved with it.
   */
  readonly origin?: string;
  /**
   * Set by the registry while one rule is checked: the readers of `facts.ts` report each named
   * condition they decide here, so a verdict says which conditions held (condition coverage).
   */
  readonly observe?: (condition: string, holds: boolean) => void;
  /** Rules of a proposed rule set (impact analysis), looked up before the catalogue's. */
  readonly rules?: ReadonlyMap<string, Rule>;
}

export interface Rule {
  readonly id: RuleId;
  readonly principles: readonly [PrincipleId, ...PrincipleId[]];
  readonly summary: string;
  readonly severity: Severity;
  /** False when the rule can only be decided on the command's data (deferred in previews). */
  readonly previewable?: boolean;
  /** The rule's own named conditions (name -> what it means), listed by coverage when never exercised. */
  readonly conditions?: Readonly<Record<string, string>>;
  /** The commands this rule guards (`<workflow>.<COMMAND>`); each command's rule list is derived from these. */
  readonly commands: readonly CommandKey[];
  /** The check for the command in `ctx` (one of `commands`). */
  check(ctx: RuleContext): Finding;
}
