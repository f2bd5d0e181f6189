import { CASEWORK_ROLES, ROLES, type Role } from './roles.ts';

/**
 * Need-to-know scope by role (docs/access.md). Which cases a role reads is decided by the engine
 * (src/engine/scope.ts) from these; a user's scope is the union over their roles.
 */

/** Roles that read case content at all: every role but `admin` (users, teams and tokens only). */
export const CASE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'admin');

/** Roles that read every case (redacted as workflows/privacy.ts decides). */
export const EVERY_CASE_ROLES: readonly Role[] = ['reviewer', 'policy', 'data_protection_officer'];

/** Roles that read the cases their teams own. */
export const TEAM_ROLES: readonly Role[] = ['caseworker', 'supervisor'];

/** Roles a case may be assigned to (case.ASSIGN): those that work on cases. */
export const ASSIGNABLE_ROLES: readonly Role[] = CASEWORK_ROLES;

/** Roles that may open a case outside their scope in an emergency (break-glass). */
export const BREAK_GLASS_ROLES: readonly Role[] = ['supervisor', 'legal_officer'];

/** best_interests states in which a determination is before a panel (bid_panel's scope). */
export const BID_PANEL_STATES: readonly string[] = ['panel_review'];

/** The legal workflow's state before any proceedings: any other state means the case was referred to legal. */
export const LEGAL_IDLE_STATE = 'no_proceedings';

/** A team as rules read it (case.TRANSFER, KP-DATA-01): only the organisation decides. */
export interface TeamView {
  readonly id: string;
  readonly organisation: string;
}

/** Whether an actor holding only these roles reads no case content (an admin). */
export const readsNoCases = (roles: readonly Role[]): boolean => !roles.some((r) => CASE_ROLES.includes(r));
