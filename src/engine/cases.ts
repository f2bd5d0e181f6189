import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Repositories } from '../../db/index.ts';
import { CaseFacts, EvidenceInput, FamilyLink, inverseRelation, PatchCase, RegisterCase, type Relation } from '../../workflows/caseFile.ts';
import { eventsIn, initialView } from '../../workflows/decide.ts';
import { allLatest, definitionOf, latest } from '../../workflows/index.ts';
import { allows, evaluate } from '../../workflows/rules/registry.ts';
import { birthErased, effectiveDateOfBirth } from '../../workflows/rules/facts.ts';
import { childShown, ERASED, type Erased } from '../../workflows/privacy.ts';
import { accompanimentOf, type Accompaniment } from '../../workflows/rules/children.ts';
import type { Actor } from '../../workflows/roles.ts';
import { render } from '../../workflows/rules/messages.ts';
import type { Verdict } from '../../workflows/rules/types.ts';
import { appendAudit } from './audit.ts';
import { toStoredSealed } from './snapshots.ts';
import type { Clock, CommandService } from './commands.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { loadCase, openPending, type CaseState } from './views.ts';
import { keyringOf } from './personalData.ts';
import { openScope, type ScopeService } from './scope.ts';

/** The inputs' schemas live with the case file (workflows/caseFile.ts), where their fields are classified (KP-DATA-01). */
export { RegisterCase, PatchCase };
export type RegisterCase = z.input<typeof RegisterCase>;
export type PatchCase = z.infer<typeof PatchCase>;

/** The team that owns cases from before teams, and those of a registrant in no team. */
export const DEFAULT_TEAM = 'team-default';

export interface NextCommand {
  workflow: string;
  instance: string;
  type: string;
  allowed: boolean;
  verdicts: Verdict[];
}

/** GET /v1/cases/:id before redaction. */
export interface CaseFileView {
  id: string;
  reference: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  person: CaseFacts['person'];
  location: CaseFacts['location'];
  familyLinks: CaseState['familyLinks'];
  /** `[erased]`: the person was erased, whether they are a child is no longer known (docs/erasure.md). */
  child: boolean | Erased;
  /** A child's derived accompaniment (KP-CHILD-02, -08): from the family links and the vulnerability flags; null for an adult, `[erased]` for an erased person. */
  accompaniment: Accompaniment | null | Erased;
  evidence: CaseState['evidence'];
  /** Each workflow instance; `workflow` repeats `kind` under the contract's word (API.md, WORKFLOWS.md). */
  workflows: Array<{ workflow: string; kind: string; instance: string; version: number; state: string; outcome: string | null }>;
  pending: Array<{ id: string; workflow: string; instance: string; command: unknown; proposedBy: unknown; requiredRole: string; createdAt: string }>;
  next: NextCommand[];
}

export function createCaseService(repos: Repositories, clock: Clock, commands: CommandService, scope: ScopeService = openScope(repos, clock)) {
  /** The case number comes from a counter row incremented in the registering transaction (never count(*)). */
  function reference(at: string, seq: number): string {
    return `KP-${at.slice(0, 4)}-${String(seq).padStart(6, '0')}`;
  }

  /**
   * A link names a case the caller may see, or one already linked to this case (a PATCH resending
   * the links it read); any other is "no case", as an unknown one (no existence oracle).
   */
  function checkLinks(links: readonly FamilyLink[], actor: Actor, self?: string, linked: ReadonlySet<string> = new Set()): void {
    const ids = links.map((l) => l.caseId);
    const known = new Set(repos.cases.existing(ids).filter((id) => linked.has(id) || scope.visible(actor, id)));
    const issues = links.flatMap((l, i) =>
      l.caseId === self ? [{ path: `familyLinks.${i}.caseId`, message: 'a case cannot be linked to itself' }] : known.has(l.caseId) ? [] : [{ path: `familyLinks.${i}.caseId`, message: `no case ${l.caseId}` }],
    );
    if (new Set(ids).size !== ids.length) issues.push({ path: 'familyLinks', message: 'a case is linked twice' });
    if (issues.length) throw invalid(issues);
  }

  /** Writes both directions of each link; the other case's version moves and its change is audited. */
  function link(c: { id: string; sex: CaseFacts['person']['sex'] }, links: readonly FamilyLink[], removed: readonly string[], actor: Actor, at: string): void {
    for (const other of removed) {
      repos.cases.removeLink(c.id, other);
      repos.cases.removeLink(other, c.id);
    }
    for (const l of links) {
      repos.cases.addLink({ caseId: c.id, relatedCaseId: l.caseId, relation: l.relation });
      repos.cases.addLink({ caseId: l.caseId, relatedCaseId: c.id, relation: inverseRelation(l.relation, c.sex) });
    }
    for (const other of new Set([...links.map((l) => l.caseId), ...removed])) {
      const row = repos.cases.get(other);
      if (!row) continue;
      repos.cases.bumpVersion(other, row.version, at);
      appendAudit(repos, {
        at, caseId: other, workflow: 'case', actor, type: 'FAMILY_LINKS_UPDATED', data: { linkedCase: c.id, removed: removed.includes(other) },
        fromState: null, toState: null, result: 'applied', verdicts: [],
      });
    }
  }

  function view(c: CaseState, actor: Actor, at: string): CaseFileView {
    const workflows = c.workflows.map((w) => ({ workflow: w.kind, kind: w.kind, instance: w.instance, version: w.version, state: w.state, outcome: w.outcome }));
    return {
      id: c.id,
      reference: c.reference,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      person: c.facts.person,
      location: c.facts.location,
      familyLinks: c.familyLinks,
      child: childShown(effectiveDateOfBirth(c), at),
      accompaniment: birthErased(effectiveDateOfBirth(c)) ? ERASED : accompanimentOf(c, c.familyLinks, at),
      evidence: c.evidence,
      workflows,
      pending: openPending(repos, repos.pending.open(c.id)).map((p) => ({ id: p.id, workflow: p.workflow, instance: p.instance, command: p.command, proposedBy: p.proposedBy, requiredRole: p.requiredRole, createdAt: p.createdAt })),
      next: next(c, actor, at),
    };
  }

  /** Each command the caller could send now, with the verdicts that would decide it. */
  function next(c: CaseState, actor: Actor, at: string): NextCommand[] {
    const out: NextCommand[] = [];
    const instances = [...c.workflows];
    for (const def of allLatest()) {
      if (def.instances === 'per_destination') instances.push(initialView(def, ''));
    }
    for (const w of instances) {
      const def = definitionOf(w.kind, w.version);
      if (!def) continue;
      for (const type of eventsIn(def.machine, w.state)) {
        const spec = def.commands[type];
        if (!spec || !spec.roles.some((r) => actor.roles.includes(r))) continue;
        const ctx = commands.context(c, actor, { workflow: w.kind, instance: w.instance, type, data: {} }, w, at, { preview: true });
        let verdicts: Verdict[];
        try {
          verdicts = evaluate(spec.rules, ctx);
        } catch {
          verdicts = spec.rules.map((rule) => ({ rule, ok: true, severity: 'block', code: `${rule}.deferred`, reason: render({ code: 'deferred' }, 'en'), principle: 'B.general.due-process', deferred: true }) as Verdict);
        }
        out.push({ workflow: w.kind, instance: w.instance, type, allowed: allows(verdicts), verdicts });
      }
    }
    return out;
  }

  /** The case view with the state it was built from and the moment: what redaction needs (`redactFor` in src/engine/privacy.ts). */
  function read(id: string, actor: Actor): { view: CaseFileView; state: CaseState; at: string } {
    scope.require(actor, id);
    const c = loadCase(repos, id);
    if (!c) throw notFound(`case ${id}`);
    const at = clock.now();
    return { view: view(c, actor, at), state: c, at };
  }

  return {
    register(input: z.infer<typeof RegisterCase>, actor: Actor) {
      const at = clock.now();
      return repos.transaction(() => {
        checkLinks(input.familyLinks, actor);
        const id = randomUUID();
        const facts: CaseFacts = { person: input.person, location: input.location };
        const seq = repos.cases.nextSeq();
        // Owned by the registrant's first team (the default team when none) and assigned to the registrant (docs/access.md).
        const registrant = repos.users.get(actor.id);
        const teamId = (registrant && repos.scope.teamsOf(actor.id)[0]) ?? DEFAULT_TEAM;
        // A case is a person: its data key is made here, and the facts are stored sealed under it.
        const keyring = keyringOf(repos);
        repos.cases.insert({ id, reference: reference(at, seq), seq, facts: {}, version: 1, createdAt: at, createdBy: actor.id, updatedAt: at, teamId });
        keyring.create(id, at);
        repos.cases.updateFacts(id, keyring.seal(id, CaseFacts, facts), at);
        if (registrant) repos.scope.assign(id, actor.id);
        for (const def of allLatest()) {
          if (def.instances !== 'single') continue;
          const v = initialView(def);
          repos.cases.saveInstance({ caseId: id, kind: def.kind, instance: '', machineVersion: def.version, state: v.state, outcome: null, snapshot: toStoredSealed(repos, id, def.kind, def.version, '', v.context), updatedAt: at });
        }
        appendAudit(repos, {
          at, caseId: id, workflow: 'case', actor, type: 'CASE_REGISTERED', data: { facts, familyLinks: input.familyLinks },
          fromState: null, toState: 'open', result: 'applied', verdicts: [],
        });
        link({ id, sex: input.person.sex }, input.familyLinks, [], actor, at);
        return view(loadCase(repos, id)!, actor, at);
      });
    },

    get(id: string, actor: Actor) {
      return read(id, actor).view;
    },

    read,

    summary(c: CaseState, at: string) {
      return {
        id: c.id,
        reference: c.reference,
        version: c.version,
        child: childShown(effectiveDateOfBirth(c), at),
        location: c.facts.location,
        nationalities: c.facts.person.nationalities,
        workflows: c.workflows.map((w) => ({ workflow: w.kind, kind: w.kind, instance: w.instance, state: w.state, outcome: w.outcome })),
        updatedAt: c.updatedAt,
      };
    },

    patch(id: string, patch: PatchCase, ifMatch: number, actor: Actor) {
      const at = clock.now();
      return repos.transaction(() => {
        scope.require(actor, id);
        const c = loadCase(repos, id);
        if (!c) throw notFound(`case ${id}`);
        if (c.version !== ifMatch) throw new AppError('VERSION_CONFLICT', `If-Match ${ifMatch} is not the current version`, { currentVersion: c.version });
        const merged = CaseFacts.safeParse({ person: { ...c.facts.person, ...patch.person }, location: patch.location ?? c.facts.location });
        if (!merged.success) throw invalid(merged.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
        if (patch.familyLinks) checkLinks(patch.familyLinks, actor, id, new Set(c.familyLinks.map((l) => l.caseId)));
        repos.cases.updateFacts(id, keyringOf(repos).seal(id, CaseFacts, merged.data), at);
        if (!repos.cases.bumpVersion(id, c.version, at)) throw new AppError('VERSION_CONFLICT', 'the case changed', { currentVersion: c.version + 1 });
        appendAudit(repos, { at, caseId: id, workflow: 'case', actor, type: 'FACTS_UPDATED', data: patch, fromState: null, toState: null, result: 'applied', verdicts: [] });
        if (patch.familyLinks) {
          const keep = new Set(patch.familyLinks.map((l) => l.caseId));
          link({ id, sex: merged.data.person.sex }, patch.familyLinks, c.familyLinks.filter((l) => !keep.has(l.caseId)).map((l) => l.caseId), actor, at);
        }
        return view(loadCase(repos, id)!, actor, at);
      });
    },

    addEvidence(id: string, input: z.infer<typeof EvidenceInput>, actor: Actor, ifMatch?: number) {
      const at = clock.now();
      return repos.transaction(() => {
        scope.require(actor, id);
        const c = loadCase(repos, id);
        if (!c) throw notFound(`case ${id}`);
        if (ifMatch !== undefined && c.version !== ifMatch) throw new AppError('VERSION_CONFLICT', `If-Match ${ifMatch} is not the current version`, { currentVersion: c.version });
        // A client id (WORKFLOWS.md lists `id`) is used as given, unique within the case; else one is generated.
        const { id: clientId, ...item } = input;
        if (clientId !== undefined && c.evidence.some((e) => e.id === clientId)) {
          throw invalid([{ path: 'body.id', message: `evidence ${clientId} already exists on this case (evidence is append-only): choose another id` }]);
        }
        const evidenceId = clientId ?? `ev-${randomUUID()}`;
        repos.cases.addEvidence({ id: evidenceId, caseId: id, item: keyringOf(repos).seal(id, EvidenceInput, item), recordedAt: at, recordedBy: actor.id });
        repos.cases.bumpVersion(id, c.version, at);
        const record = appendAudit(repos, { at, caseId: id, workflow: 'case', actor, type: 'EVIDENCE_ADDED', data: { id: evidenceId, ...item }, fromState: null, toState: null, result: 'applied', verdicts: [] });
        return { ...item, id: evidenceId, recordedAt: at, recordedBy: actor.id, version: c.version + 1, auditSeq: record.seq };
      });
    },

    latestKinds: () => allLatest().map((d) => d.kind),
    hasWorkflow: (kind: string) => !!latest(kind),
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
export type { Relation };
