import type { WorkflowDefinition } from './definition.ts';
import { screening } from './screening/index.ts';
import { ageAssessment } from './age_assessment/index.ts';
import { caseWorkflow } from './case/index.ts';
import { nonRefoulement } from './non_refoulement/index.ts';
import { nationality } from './nationality/index.ts';
import { repatriation } from './repatriation/index.ts';
import { rehabilitation } from './rehabilitation/index.ts';
import { bestInterests } from './best_interests/index.ts';
import { legal } from './legal/index.ts';
import { detention } from './detention/index.ts';

/**
 * The registry: workflow kind -> every registered version (oldest first). New instances start on
 * the latest version; an instance in flight keeps the version it started on.
 */
const definitions: WorkflowDefinition[] = [screening, ageAssessment, caseWorkflow, bestInterests, rehabilitation, nonRefoulement, nationality, repatriation, legal, detention];

export const WORKFLOW_KINDS = [...new Set(definitions.map((d) => d.kind))];

export function versionsOf(kind: string): WorkflowDefinition[] {
  return definitions.filter((d) => d.kind === kind).sort((a, b) => a.version - b.version);
}

export function latest(kind: string): WorkflowDefinition | undefined {
  return versionsOf(kind).at(-1);
}

export function definitionOf(kind: string, version: number): WorkflowDefinition | undefined {
  return definitions.find((d) => d.kind === kind && d.version === version);
}

/** Registers a new version of a workflow (tests and future releases); versions never collide. */
export function register(def: WorkflowDefinition): void {
  if (definitionOf(def.kind, def.version)) throw new Error(`${def.kind} v${def.version} is already registered`);
  definitions.push(def);
}

export const allLatest = (): WorkflowDefinition[] => WORKFLOW_KINDS.map((k) => latest(k)).filter((d): d is WorkflowDefinition => !!d);

export type { WorkflowDefinition, WorkflowEvent, CommandSpec, FollowUp, Task } from './definition.ts';
