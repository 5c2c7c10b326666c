export const ROLES = ['staff', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: every scoped read and write takes one, so no query forgets the structure. */
export interface Actor {
  userId: string;
  structureId: string;
  role: Role;
}
