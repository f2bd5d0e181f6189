/** Roles as API.md names them. `reviewer` and `policy` are read-only on cases; `admin` manages users. */
export const ROLES = ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'reviewer', 'policy', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
}
