import { z } from 'zod';
import type { Repositories } from '../../db/index.ts';
import { initialView } from '../../workflows/decide.ts';
import { definitionOf } from '../../workflows/index.ts';
import { stateTree } from '../../workflows/states.ts';
import type { Actor } from '../../workflows/roles.ts';
import { appendAudit } from './audit.ts';
import type { Clock } from './commands.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { contextOf, toStoredSealed } from './snapshots.ts';
import { keyringOf } from './personalData.ts';

/**
 * Moves workflow instances from one machine version to another with an explicit state mapping
 * (`{ "oldState": "newState" }`). All or nothing: when any instance's current state has no mapping,
 * or a mapping names a state the new version does not have, nothing is written. Each move is
 * audited as WORKFLOW_MIGRATED and bumps the case's version.
 */

export const StateMapping = z.record(z.string().min(1).max(64), z.string().min(1).max(64));
export type StateMapping = z.infer<typeof StateMapping>;

export interface MigrationRequest {
  kind: string;
  from: number;
  to: number;
  mapping: StateMapping;
  actor: Actor;
  /** Check and report without writing. */
  dryRun?: boolean;
}

export interface MigrationMove {
  caseId: string;
  instance: string;
  fromState: string;
  toState: string;
  auditSeq?: number;
}

export interface MigrationReport {
  kind: string;
  from: number;
  to: number;
  dryRun: boolean;
  moved: MigrationMove[];
}

export function migrateWorkflow(repos: Repositories, clock: Clock, req: MigrationRequest): MigrationReport {
  const fromDef = definitionOf(req.kind, req.from);
  const toDef = definitionOf(req.kind, req.to);
  if (!fromDef) throw notFound(`workflow ${req.kind} v${req.from}`);
  if (!toDef) throw notFound(`workflow ${req.kind} v${req.to}`);
  if (req.from === req.to) throw invalid([{ path: 'to', message: 'must differ from the version migrated from' }]);
  const mapping = StateMapping.parse(req.mapping);
  const targets = new Set(stateTree(toDef.machine).leaves);
  const sources = new Set(stateTree(fromDef.machine).leaves);
  const badMap = Object.entries(mapping).flatMap(([from, to]) => [
    ...(sources.has(from) ? [] : [{ path: `map.${from}`, message: `${req.kind} v${req.from} has no state ${from}` }]),
    ...(targets.has(to) ? [] : [{ path: `map.${from}`, message: `${req.kind} v${req.to} has no state ${to} (states: ${[...targets].join(', ')})` }]),
  ]);
  if (badMap.length) throw invalid(badMap);

  const at = clock.now();
  return repos.transaction(() => {
    const instances = repos.cases.instancesOfKind(req.kind).filter((i) => i.machineVersion === req.from);
    const unmapped = [...new Set(instances.map((i) => i.state).filter((s) => mapping[s] === undefined))];
    if (unmapped.length) {
      throw new AppError(
        'VALIDATION',
        `migration refused, nothing written: no mapping for state(s) ${unmapped.join(', ')} of ${req.kind} v${req.from}`,
        unmapped.map((s) => ({ path: `map.${s}`, message: `${instances.filter((i) => i.state === s).length} instance(s) are in ${s}: map it to a state of v${req.to}` })),
      );
    }
    const fresh = initialView(toDef).context;
    const moved: MigrationMove[] = [];
    for (const i of instances) {
      const toState = mapping[i.state]!;
      const move: MigrationMove = { caseId: i.caseId, instance: i.instance, fromState: i.state, toState };
      if (!req.dryRun) {
        // Context carries over; fields new in the target version start from its defaults.
        const context = { ...fresh, ...keyringOf(repos).open(i.caseId, contextOf(i)) };
        repos.cases.saveInstance({
          caseId: i.caseId, kind: req.kind, instance: i.instance, machineVersion: req.to, state: toState,
          outcome: toDef.outcome(toState, context), snapshot: toStoredSealed(repos, i.caseId, req.kind, req.to, i.instance, context), updatedAt: at,
        });
        const row = repos.cases.get(i.caseId);
        if (row) repos.cases.bumpVersion(i.caseId, row.version, at);
        const record = appendAudit(repos, {
          at, caseId: i.caseId, workflow: req.kind, instance: i.instance, actor: req.actor, type: 'WORKFLOW_MIGRATED',
          data: { from: req.from, to: req.to, mapping }, fromState: i.state, toState, result: 'applied', verdicts: [],
        });
        move.auditSeq = record.seq;
      }
      moved.push(move);
    }
    return { kind: req.kind, from: req.from, to: req.to, dryRun: req.dryRun ?? false, moved };
  });
}
