import type { WorkflowEvent } from './definition.ts';

/** What the machines' actions read off every event, whatever its data. */

/** The acting user and moment, recorded on the instance by the actions that need them. */
export const stamp = (event: Pick<WorkflowEvent, 'ctx'>) => ({ by: event.ctx.actor.id, at: event.ctx.at });

/** The reasons a command gave: its `reason`, else the envelope's justification. */
export const reasonOf = (event: Pick<WorkflowEvent, 'ctx'> & { readonly data: object }): string =>
  String((event.data as { reason?: unknown }).reason ?? event.ctx.command.justification ?? '');
