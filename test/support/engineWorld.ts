import { randomBytes } from 'node:crypto';
import { attachKeyring } from '../../src/engine/personalData.ts';
import type { SharingAgreement } from '../../workflows/agreements.ts';
import { copyDatabase, createRepositories, openDatabase, type Db, type Repositories } from '../../db/index.ts';
import { verifyChain } from '../../src/audit/chain.ts';
import { appendAudit } from '../../src/engine/audit.ts';
import { createCommandService, type CommandService } from '../../src/engine/commands.ts';
import type { Outcome } from '../../src/engine/outcomes.ts';
import { loadCase, loadFamily, type CaseState } from '../../src/engine/views.ts';
import type { Decision } from '../../workflows/decide.ts';
import { latest } from '../../workflows/index.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { CaseView, FamilyMember, Verdict, WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { AT, PureWorld, type WorldOptions } from './pureWorld.ts';

/** Migrated once per worker (the engine project does not isolate files); each world gets its own copy. */
let migrated: Db | undefined;

const SYSTEM: Actor = { id: 'u-test-harness', roles: ['admin'] };

type SendOptions = { instance?: string; justification?: string; proposedBy?: Actor };

/**
 * The World surface over the real engine: a private in-memory SQLite database (a copy of one with
 * every migration applied), the real command service, and its clock reading `world.at`.
 *
 * - `add(case)` and `cases.set(id, case)` write the case, its workflow instances and evidence
 *   through the repositories, keeping the test's ids ('m1', 'c1', ...);
 * - `link` writes one direction of a family link, as the pure world keeps it;
 * - `get`, `instance`, `family` (and so `context`) read the database back;
 * - `send` goes through `commands.apply` (one IMMEDIATE transaction, If-Match the current version)
 *   and maps the answer to the pure `Decision`; `{ proposedBy }` is the engine's 2ND path: the
 *   proposer sends, the pending proposal is confirmed by `who` with CONFIRM_PENDING;
 * - the options' jurisdictions and settings are rows the engine reads like any other.
 *
 * Every answer is checked against the audit record it names, and `verifyAudit()` walks the chain.
 */
export class EngineWorld extends PureWorld {
  /** Worlds opened by the current test file: the engine project's setup verifies and closes them. */
  static readonly opened = new Set<EngineWorld>();

  readonly repos: Repositories;
  readonly commands: CommandService;
  override readonly cases: Map<string, CaseView>;

  constructor(options: WorldOptions = {}) {
    super(options);
    this.repos = createRepositories(copyDatabase((migrated ??= openDatabase(':memory:'))));
    attachKeyring(this.repos, randomBytes(32), AT);
    this.commands = createCommandService(this.repos, { now: () => this.at });
    this.cases = new StoredCases(this);
    const repos = this.repos;
    repos.transaction(() => {
      for (const j of options.jurisdictions ?? []) repos.jurisdictions.insert({ code: j.code, validFrom: j.validFrom, data: j, recordedAt: AT, recordedBy: SYSTEM.id });
      if (options.settings) repos.settings.insert({ ...DEFAULT_SETTINGS, ...options.settings }, AT, SYSTEM.id);
    });
    EngineWorld.opened.add(this);
  }

  override link(from: string, to: string, relation: FamilyMember['relation']): void {
    this.write(() => this.repos.transaction(() => this.repos.cases.addLink({ caseId: from, relatedCaseId: to, relation })));
  }

  override family(caseId: string): FamilyMember[] {
    const known = this.families.get(caseId);
    if (known) return known;
    const c = this.load(caseId);
    if (!c) throw new Error(`no case ${caseId}`);
    const family = loadFamily(this.repos, c);
    this.families.set(caseId, family);
    return family;
  }

  /**
   * Reads are kept until the next write through this world (a command, `add`, `cases.set`,
   * `link`): the @xstate/graph tests build a rule context per explored snapshot and event.
   */
  private readonly reads = new Map<string, CaseState | undefined>();
  private readonly families = new Map<string, FamilyMember[]>();

  /** The case as the engine loads it. */
  load(caseId: string): CaseState | undefined {
    if (!this.reads.has(caseId)) this.reads.set(caseId, loadCase(this.repos, caseId));
    return this.reads.get(caseId);
  }

  /** Runs a write, then forgets every read. */
  write<T>(fn: () => T): T {
    try {
      return fn();
    } finally {
      this.reads.clear();
      this.families.clear();
    }
  }

  override send(caseId: string, who: Actor, workflow: string, type: string, data: Record<string, unknown> = {}, opts: SendOptions = {}): Decision {
    if (this.isEngineEvent(workflow, type)) return this.issued(caseId, workflow, type, opts);
    // A pure test passes a SHARE_RECORD's agreement in its data; the engine reads it from the
    // database by agreementId (replacing the client's), so it is stored first, as a DPO would have.
    if (type === 'SHARE_RECORD' && data['agreement']) this.storeAgreement(data['agreement'] as SharingAgreement);
    const proposer = opts.proposedBy;
    const answer = this.write(() => {
      if (!proposer) return this.apply(caseId, who, { workflow, type, data, ...envelope(opts) });
      // Four eyes through the engine: the proposer's command is held pending, `who` confirms it.
      const proposal = this.apply(caseId, proposer, { workflow, type, data, ...envelope(opts) });
      if (proposal.kind !== 'pending') return proposal;
      return this.apply(caseId, who, { workflow, type: 'CONFIRM_PENDING', data: { pendingId: proposal.pending.id } });
    });
    return this.decision(caseId, workflow, type, answer);
  }

  /**
   * An event of the machine that is no command (REFERRAL_ANNULLED, ...): only the engine issues it,
   * as a follow-up of another command, in that command's transaction. A pure test sends it by hand
   * to play the engine's part; here the answer is what the engine did: the follow-up it applied to
   * this instance (its audit record, `data.causedBy` naming the cause), each record answering one
   * send, or `invalid` when it issued none.
   */
  private storeAgreement(a: SharingAgreement): void {
    const { id, status, proposedBy, approvedBy, ...body } = a;
    this.repos.db.$client.prepare('DELETE FROM sharing_agreements WHERE id = ?').run(id);
    this.repos.agreements.insert({ id, body, status, proposedBy, proposedAt: AT, approvedBy, approvedAt: approvedBy ? AT : null });
  }

  private isEngineEvent(workflow: string, type: string): boolean {
    const def = latest(workflow);
    return !!def && !def.commands[type] && !!def.machine.events.includes(type);
  }

  private readonly claimedFollowUps = new Set<number>();

  private issued(caseId: string, workflow: string, type: string, opts: SendOptions): Decision {
    const record = this.repos.audit
      .list({ caseId, workflow, result: 'applied' })
      .filter((r) => r.type === type && (opts.instance === undefined || r.instance === opts.instance) && !this.claimedFollowUps.has(r.seq))
      .find((r) => typeof (r.data as { causedBy?: unknown } | null)?.causedBy === 'number');
    const current = this.instance(caseId, workflow, opts.instance ?? '');
    if (!record) return { kind: 'invalid', state: current?.state ?? 'unknown' };
    this.claimedFollowUps.add(record.seq);
    const next = this.instance(caseId, workflow, record.instance);
    if (!next) throw new Error(`follow-up ${record.seq} names no ${workflow} instance '${record.instance}' on ${caseId}`);
    return { kind: 'applied', state: record.fromState ?? '', verdicts: record.verdicts as Verdict[], next };
  }

  /** The whole audit chain verifies. */
  verifyAudit(): void {
    const status = verifyChain(this.repos.audit.iterate());
    if (!status.ok) throw new Error(`audit chain broken at ${status.firstBroken?.seq}: ${status.firstBroken?.reason}`);
  }

  close(): void {
    EngineWorld.opened.delete(this);
    this.repos.db.$client.close();
  }

  private apply(caseId: string, actor: Actor, cmd: { workflow: string; type: string; data: Record<string, unknown>; instance?: string; justification?: string }): Outcome {
    const current = this.repos.cases.get(caseId);
    if (!current) throw new Error(`no case ${caseId}`);
    return this.commands.apply({ caseId, actor, ifMatch: current.version, ...cmd });
  }

  /** The engine's outcome as the pure Decision, checked against the audit record it names. */
  private decision(caseId: string, workflow: string, type: string, outcome: Outcome): Decision {
    // Nothing decided (400, 403, 404, 409): the engine's message, thrown as the pure world throws on bad data.
    if (outcome.kind !== 'applied' && outcome.kind !== 'pending' && outcome.kind !== 'refused' && !(outcome.kind === 'invalid' && outcome.auditSeq !== undefined)) {
      throw new Error(`unexpected outcome ${outcome.kind}: ${outcome.message}`);
    }
    const seq = outcome.auditSeq!;
    const record = this.repos.audit.list({ afterSeq: seq - 1, limit: 1 })[0];
    if (!record || record.seq !== seq || record.caseId !== caseId) throw new Error(`outcome ${JSON.stringify(outcome)} names no audit record of case ${caseId}`);
    const result = outcome.kind === 'invalid' ? 'refused' : outcome.kind;
    if (record.result !== result) throw new Error(`audit record ${seq} says ${record.result}, the outcome ${result}`);
    switch (outcome.kind) {
      case 'applied': {
        if (record.type !== type || record.toState !== outcome.state) throw new Error(`audit record ${seq} (${record.type} → ${record.toState}) does not match ${type} → ${outcome.state}`);
        const next = this.instance(caseId, workflow, outcome.instance);
        if (!next) throw new Error(`applied, yet no ${workflow} instance '${outcome.instance}' on ${caseId}`);
        return { kind: 'applied', state: record.fromState ?? '', verdicts: [...outcome.verdicts], next };
      }
      case 'pending':
        return { kind: 'pending', state: outcome.state, verdicts: [...outcome.verdicts], secondApprover: outcome.pending.requiredRole };
      case 'invalid':
        return { kind: 'invalid', state: outcome.state ?? '' };
      case 'refused': {
        // A joint move adds the refusals of the other members (`case` names the member): the pure
        // Decision is about the addressed case, so they are left to the members' own decisions,
        // unless they alone refused the move.
        const own = (v: Verdict) => v.case === undefined || v.case === caseId;
        const failed = outcome.verdicts.filter(own);
        if (failed.length === 0) return { kind: 'refused', state: outcome.state, verdicts: [...outcome.checked], failed: [...outcome.verdicts] };
        return { kind: 'refused', state: outcome.state, verdicts: outcome.checked.filter(own), failed };
      }
    }
  }
}

function envelope(opts: SendOptions): { instance?: string; justification?: string } {
  return { ...(opts.instance !== undefined ? { instance: opts.instance } : {}), ...(opts.justification !== undefined ? { justification: opts.justification } : {}) };
}

/**
 * `world.cases` over the database: `get` loads the case as the engine does, `set` writes the
 * facts, every instance given and any evidence not yet stored (registering the case first time).
 */
class StoredCases extends Map<string, CaseView> {
  constructor(private readonly world: EngineWorld) {
    super();
  }

  override get(id: string): CaseView | undefined {
    return this.world.load(id);
  }

  override has(id: string): boolean {
    return !!this.world.repos.cases.get(id);
  }

  override set(id: string, c: CaseView): this {
    const { repos, at } = this.world;
    this.world.write(() => repos.transaction(() => {
      const row = repos.cases.get(id);
      if (!row) {
        repos.cases.insert({ id, reference: c.reference, facts: c.facts, version: 1, createdAt: c.createdAt, createdBy: SYSTEM.id, updatedAt: c.createdAt });
        appendAudit(repos, { at: c.createdAt, caseId: id, workflow: 'case', actor: SYSTEM, type: 'CASE_REGISTERED', data: { facts: c.facts }, fromState: null, toState: 'open', result: 'applied', verdicts: [] });
      } else {
        repos.cases.updateFacts(id, c.facts, at);
        repos.cases.bumpVersion(id, row.version, at);
      }
      for (const w of c.workflows) saveInstance(repos, id, w, row ? at : c.createdAt);
      const stored = new Set(repos.cases.evidence(id).map((e) => e.id));
      for (const { id: evidenceId, recordedAt, recordedBy, ...item } of c.evidence) {
        if (!stored.has(evidenceId)) repos.cases.addEvidence({ id: evidenceId, caseId: id, item, recordedAt, recordedBy });
      }
    }));
    return this;
  }
}

function saveInstance(repos: Repositories, caseId: string, w: WorkflowView, at: string): void {
  repos.cases.saveInstance({ caseId, kind: w.kind, instance: w.instance, machineVersion: w.version, state: w.state, outcome: w.outcome, snapshot: { value: w.state, context: w.context }, updatedAt: at });
}
