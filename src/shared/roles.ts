/** Roles of Luoshi accounts. Shared by server and web (no node imports here). */
export const ROLES = [
  'secretary',
  'discipline',
  'organization',
  'publicity',
  'legal',
  'village',
  'grid',
  'countyReviewer',
  'cityReviewer',
  'provinceReviewer',
  'admin',
  'securityAdmin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  secretary: '镇党委书记',
  discipline: '纪检监察',
  organization: '组织',
  publicity: '宣传',
  legal: '政法',
  village: '村党组织书记',
  grid: '网格员',
  countyReviewer: '县级审核',
  cityReviewer: '市级审核',
  provinceReviewer: '省级审核',
  admin: '系统管理员',
  securityAdmin: '安全管理员',
  auditor: '审计管理员',
};

/** The three separated administrators (三员分立) never read business data. */
export const ADMIN_ROLES: readonly Role[] = ['admin', 'securityAdmin', 'auditor'];
export const BUSINESS_ROLES: readonly Role[] = ROLES.filter((r) => !ADMIN_ROLES.includes(r));

export const ORG_KINDS = ['province', 'city', 'county', 'town', 'department', 'village', 'community', 'branch', 'group'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  province: '省',
  city: '市',
  county: '县',
  town: '镇/街道',
  department: '部门',
  village: '村',
  community: '社区',
  branch: '党支部',
  group: '党小组',
};

/**
 * Reviewers read (never write) the non-sensitive records of their org's subtree and compare the
 * units one level down: a county reviewer the towns, a city or province reviewer the counties
 * (docs/assessment.md, "City and province levels").
 */
export const REVIEWER_ROLES = ['countyReviewer', 'cityReviewer', 'provinceReviewer'] as const satisfies readonly Role[];
/** The org kind each reviewer role sits at. */
export const REVIEWER_KIND: Record<(typeof REVIEWER_ROLES)[number], OrgKind> = { countyReviewer: 'county', cityReviewer: 'city', provinceReviewer: 'province' };
/** Levels above the county: a city or a province org, whose comparison is of counties. */
export const REGION_KINDS: readonly OrgKind[] = ['province', 'city'];
/** Kinds that may stand at the root of the tree (no parent). */
export const ROOT_KINDS: readonly OrgKind[] = ['province', 'city', 'county'];
/** The kind a kind's parent must be, where the tree is fixed by the area codes. */
export const PARENT_KIND: Partial<Record<OrgKind, OrgKind>> = { city: 'province', county: 'city', town: 'county' };

/** Lines of work (menu groups and ledger groups). */
export const LINES = ['discipline', 'organization', 'publicity', 'legal', 'general'] as const;
export type Line = (typeof LINES)[number];
export const LINE_LABELS: Record<Line, string> = {
  discipline: '纪检监察',
  organization: '组织',
  publicity: '宣传',
  legal: '政法',
  general: '综合',
};
