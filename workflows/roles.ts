/** Roles as API.md names them. `reviewer` and `policy` are read-only on cases; `admin` manages users. */
export const ROLES = ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'reviewer', 'policy', 'data_protection_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role groups every module derives its own lists from (the role list in one place).
 * Casework: the roles whose work needs a person's identity — they see a child's identity (within
 * their scope), may be assigned a case, and granting one through the API needs a second admin.
 */
export const CASEWORK_ROLES: readonly Role[] = ['caseworker', 'supervisor', 'bid_panel', 'legal_officer'];
/** Roles that send commands (casework and the DPO's seal and erasure): never held with `admin`; reviewer and policy never do. */
export const COMMAND_ROLES: readonly Role[] = [...CASEWORK_ROLES, 'data_protection_officer'];

export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
}
