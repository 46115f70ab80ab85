// Who may write what (issue #3). Pure data: the server enforces it on every push, the UI uses it to hide what a
// user cannot change. Reads are never limited by role: everyone in a compound sees all of that compound's data.
import { COLLECTION_NAMES, type CollectionName } from '../schema';
import { COLLECTION_POLICIES } from '../collections';

export const Role = {
  Admin: 'admin', // 管理员
  BranchSecretary: 'branch_secretary', // 支部书记
  Secretary: 'secretary', // 秘书 (minutes, notices, tasks)
  Treasurer: 'treasurer', // 出纳/会计 (ledger)
  Staff: 'staff', // 工作人员 (tasks)
  Viewer: 'viewer', // 只读
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** The collections each role may write (create, change, delete), from each collection's policy. */
export const WRITE_PERMISSIONS: { readonly [R in Role]: readonly CollectionName[] } = Object.fromEntries(
  ROLES.map((role) => [role, COLLECTION_NAMES.filter((c) => (COLLECTION_POLICIES[c].writers as readonly Role[]).includes(role))]),
) as unknown as { readonly [R in Role]: readonly CollectionName[] };

export function canWrite(role: Role, collection: CollectionName): boolean {
  return WRITE_PERMISSIONS[role].includes(collection);
}

export function writableCollections(role: Role): readonly CollectionName[] {
  return WRITE_PERMISSIONS[role];
}
