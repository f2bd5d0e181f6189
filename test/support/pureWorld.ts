import { decide, initialView, type Decision } from '../../workflows/decide.ts';
import { latest } from '../../workflows/index.ts';
import type { Jurisdiction } from '../../workflows/jurisdictions.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { CaseView, FamilyMember, RuleContext, WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../workflows/settings.ts';

/** The moment every world starts at (`world.at` moves it). */
export const AT = '2026-06-01T10:00:00.000Z';

export interface WorldOptions {
  jurisdictions?: Jurisdiction[];
  settings?: Partial<Settings>;
}

/**
 * An in-memory set of cases (a family) with family links by relation. `send` decides a command
 * with the pure decide() and, when applied, stores the next instance on the case.
 */
export class PureWorld {
  readonly cases = new Map<string, CaseView>();
  readonly links: Array<{ from: string; to: string; relation: FamilyMember['relation'] }> = [];
  at = AT;
  constructor(protected readonly options: WorldOptions = {}) {}

  add(c: CaseView): CaseView {
    this.cases.set(c.id, c);
    return c;
  }

  /** `relation` is what `to` is to `from` (link('child1', 'mother1', 'mother')). Kept symmetric by the caller. */
  link(from: string, to: string, relation: FamilyMember['relation']): void {
    this.links.push({ from, to, relation });
  }

  get(id: string): CaseView {
    const c = this.cases.get(id);
    if (!c) throw new Error(`no case ${id}`);
    return c;
  }

  instance(caseId: string, kind: string, instance = ''): WorkflowView | undefined {
    return this.get(caseId).workflows.find((w) => w.kind === kind && w.instance === instance);
  }

  family(caseId: string): FamilyMember[] {
    return this.links.filter((l) => l.from === caseId).map((l) => ({ ...this.get(l.to), relation: l.relation }));
  }

  context(caseId: string, who: Actor, workflow: string, type: string, data: Record<string, unknown> = {}, opts: { instance?: string; justification?: string; proposedBy?: Actor; preview?: boolean } = {}): RuleContext {
    const def = latest(workflow);
    if (!def) throw new Error(`no workflow ${workflow}`);
    const parsed = def.commands[type]?.data.parse(data) ?? data;
    const instance = opts.instance ?? def.instanceFor?.(type, parsed) ?? '';
    const view = this.instance(caseId, workflow, instance) ?? initialView(def, instance);
    return {
      at: this.at,
      actor: who,
      command: { workflow, instance, type, data: parsed, ...(opts.justification ? { justification: opts.justification } : {}) },
      subject: this.get(caseId),
      workflow: view,
      family: this.family(caseId),
      jurisdictions: this.options.jurisdictions ?? [],
      settings: { ...DEFAULT_SETTINGS, ...this.options.settings },
      ...(opts.proposedBy ? { proposedBy: opts.proposedBy } : {}),
      ...(opts.preview ? { preview: true } : {}),
    };
  }

  send(caseId: string, who: Actor, workflow: string, type: string, data: Record<string, unknown> = {}, opts: { instance?: string; justification?: string; proposedBy?: Actor } = {}): Decision {
    const ctx = this.context(caseId, who, workflow, type, data, opts);
    const def = latest(workflow)!;
    const decision = decide(def, ctx.workflow, ctx);
    if (decision.kind === 'applied') {
      const c = this.get(caseId);
      const others = c.workflows.filter((w) => !(w.kind === workflow && w.instance === ctx.command.instance));
      this.cases.set(caseId, { ...c, workflows: [...others, decision.next] });
    }
    return decision;
  }
}
