import type { PrincipleId } from '../principles.ts';
import type { CommandKey, RuleId } from './ids.ts';
import type { Actor, Role } from '../roles.ts';
import type { CaseFacts, EvidenceItem, Relation } from '../caseFile.ts';
import type { Jurisdiction } from '../jurisdictions.ts';
import type { Settings } from '../settings.ts';
import type { TeamView } from '../access.ts';
import type { Message, Params } from './messages.ts';

/**
 * Severity words of RULES.md §0.3, lower-cased. `block-unless` refuses unless its condition holds;
 * `2nd` needs a distinct second approver; `justify` needs a justification; `warn` never refuses;
 * `timer` stores a due date (GET /v1/tasks) and never refuses on its own.
 */
export const SEVERITIES = ['block', 'block-unless', '2nd', 'justify', 'warn', 'timer'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What a verdict explains beyond its message (issue 16.1): the case-file paths and workflow states
 * the check read (`person.dateOfBirth`, `workflow:best_interests.state`), the evidence items it
 * weighed, and on a refusal what would make it pass.
 */
export interface Explanation {
  /** Further problems found at the same time as the first (a refusal names everything missing). */
  readonly more?: readonly Message[];
  readonly facts?: readonly string[];
  readonly evidenceIds?: readonly string[];
  /** What would make a refusal pass: "an approved BID", "a second approver holding supervisor". */
  readonly toAllow?: readonly Message[];
}

/** A rule's answer on one attempted transition (API.md "A verdict"). */
export interface Verdict extends Explanation {
  /** The rule's id (a RuleId), or JOINT for the engine's verdict on a family member who cannot move. */
  readonly rule: string;
  readonly ok: boolean;
  readonly severity: Severity;
  /**
   * Stable per rule and outcome (`KP-AGE-04.single_method`); absent on verdicts of records written
   * before structured verdicts, which keep only their stored `reason`.
   */
  readonly code?: string;
  /** The values the check used: ids, dates, ages, enums (never names or free text about people). */
  readonly params?: Params;
  /**
   * The rendering of code + params (+ `more`): English as the engine returns it, the caller's
   * language in API answers and pages. Audit records store it only for verdicts without a code.
   */
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

/**
 * What a rule's check returns; the registry adds id, severity and principle. A converted check
 * returns a `message` (its `reason` is then the English rendering); an unconverted one only a reason.
 */
export type Finding =
  | ({ readonly ok: true; readonly reason: string; readonly message?: Message; readonly conditions?: Conditions } & Explanation)
  | ({
      readonly ok: false;
      readonly reason: string;
      readonly message?: Message;
      readonly conditions?: Conditions;
      /** Overrides the rule's severity for this finding (e.g. a 2ND rule that must BLOCK here). */
      readonly severity?: Severity;
      /** The finding is lifted by a distinct second approver with this role (2ND). */
      readonly secondApprover?: Role;
    } & Explanation);

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
