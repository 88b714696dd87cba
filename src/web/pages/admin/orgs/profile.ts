import type { OrgKind } from '../../../../shared/roles.ts';

/** Profile keys the report and checker use, with their Chinese labels. */
export const PROFILE_FIELDS: { key: string; label: string; kinds?: OrgKind[]; help?: string }[] = [
  { key: 'shortName', label: '简称', help: '如“东湖”（报告中使用）' },
  { key: 'partyCommittee', label: '党委全称', kinds: ['town', 'county', 'city', 'province'], help: '如“中共东湖镇委员会”' },
  { key: 'secretaryName', label: '书记姓名' },
  { key: 'publicAccount', label: '微信公众号', kinds: ['town', 'county'] },
  { key: 'congress', label: '党代会届次', kinds: ['town', 'county'], help: '如“二十”，报告核查据此检查届次用语' },
  { key: 'countyName', label: '所属县', kinds: ['town', 'county'] },
  { key: 'cityName', label: '所属市', kinds: ['town', 'county'] },
  { key: 'provinceName', label: '所属省', kinds: ['town', 'county'] },
  { key: 'areaCode', label: '统计用区划代码' },
];

export function profileLabel(key: string): string {
  return PROFILE_FIELDS.find((p) => p.key === key)?.label ?? key;
}

/** Which kinds may be created under a parent (cities, counties and towns come from the division codes: FROM_CODES). */
export const FROM_CODES: readonly OrgKind[] = ['province', 'city', 'county', 'town'];
export const CHILD_KINDS: Record<OrgKind, OrgKind[]> = {
  province: ['city', 'department'],
  city: ['county', 'department'],
  county: ['town', 'department'],
  town: ['department', 'village', 'community', 'branch'],
  department: ['branch'],
  village: ['branch'],
  community: ['branch'],
  branch: ['group'],
  group: [],
};
