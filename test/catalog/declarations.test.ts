import { describe, expect, it } from 'vitest';
import { builtinLedgers, getBuiltinLedger, ACTIVITY_TYPES } from '../../src/catalog/index.ts';
import { FIELD_KINDS, GUARDS, PROMOTED, type FieldDecl, type FieldKind, type LedgerDecl } from '../../src/ledger/types.ts';
import { ADMIN_ROLES, type Role } from '../../src/shared/roles.ts';

/** The product catalog's ledgers as data: field key → kind, or the enum's values. */
type Spec = Record<string, FieldKind | string[]>;
const STATUS_RECT = ['open', 'inProgress', 'done', 'longTerm'];
const CATALOG: Record<string, Spec> = {
  supervision: {
    title: 'text',
    area: ['人居环境整治', '荒草禁烧', '文明祭扫', '违法建设治理', '安全生产', '自建房安全', '债务风险', '干部作风', '其他'],
    occurredOn: 'date',
  },
  rectification: {
    title: 'text',
    source: ['inspection', 'supervision', 'selfCheck', 'higherCheck', 'other'],
    batch: 'text',
    targetOrg: 'org',
    foundOn: 'date',
    measures: 'longText',
    leader: 'person',
    owner: 'person',
    dueOn: 'date',
    status: STATUS_RECT,
    doneOn: 'date',
    supervisionRef: 'recordRef',
    evidence: 'files',
    doneNote: 'longText',
  },
  talk: {
    kind: ['integrityDuty', 'heartToHeart', 'reminder', 'admonish', 'inquiry'],
    talker: 'person',
    talkees: 'list',
    occurredOn: 'date',
    replyDueOn: 'date',
    repliedOn: 'date',
  },
  fourForms: { form: ['1', '2', '3', '4'], subjects: 'list', measure: 'text', byLeader: 'person', occurredOn: 'date' },
  disciplineDocument: { kind: ['reminderLetter', 'disciplineSuggestion', 'supervisionSuggestion'], recipient: 'text', issuedOn: 'date' },
  clue: {
    source: 'enum',
    receivedOn: 'date',
    disposal: ['talkInquiry', 'preliminaryCheck', 'shelved', 'closed', 'caseFiled'],
    filedOn: 'date',
    status: ['pending', 'disposing', 'disposed'],
  },
  sanction: {
    person: 'person',
    post: 'text',
    decidedOn: 'date',
    clueRef: 'recordRef',
    kind: ['warning', 'seriousWarning', 'removal', 'probation', 'expulsion', 'govWarning', 'demerit', 'majorDemerit', 'demotion', 'dismissal', 'discharge'],
  },
  riskPoint: {
    scope: ['org', 'personal'],
    owner: 'person',
    post: 'text',
    description: 'text',
    level: ['high', 'medium', 'low'],
    measures: 'list',
    identifiedOn: 'date',
  },
  relative: { cadre: 'person', name: 'text', relation: ['配偶', '子女', '子女配偶', '父母', '兄弟姐妹', '其他'], idNumber: 'idNumber', filedOn: 'date' },
  powerMatter: {
    relativeRef: 'recordRef',
    verified: 'bool',
    publicizedOn: 'date',
    occurredOn: 'date',
    matterType: ['低保', '特困供养', '危房改造', '惠农补贴', '宅基地审批', '村级工程', '招投标', '征地拆迁', '其他'],
  },
  activity: { type: ACTIVITY_TYPES.map((t) => t.id), title: 'text', occurredOn: 'date', quantity: 'int', participants: 'int' },
  cadreAction: { kind: ['sectionAppointment', 'civilServantRank', 'staffGrade', 'sanzhiyifu'], person: 'person', effectiveOn: 'date' },
  practicalMatter: {
    title: 'text',
    category: ['keyProject', 'general'],
    plannedOn: 'date',
    dueOn: 'date',
    status: ['planned', 'inProgress', 'done'],
    doneOn: 'date',
  },
  demand: {
    content: 'text',
    source: ['联点访户', '四个走遍', '热线', '来访', '网格上报', '其他'],
    receivedOn: 'date',
    dueOn: 'date',
    status: ['open', 'inProgress', 'resolved'],
    resolvedOn: 'date',
  },
  partyMember: {
    name: 'text',
    gender: 'enum',
    birthDate: 'date',
    idNumber: 'idNumber',
    education: 'enum',
    occupation: 'enum',
    branch: 'org',
    joinedOn: 'date',
    fullMemberOn: 'date',
    status: ['probationary', 'full', 'transferredOut', 'deceased'],
    phone: 'text',
  },
  development: {
    name: 'text',
    gender: 'enum',
    birthDate: 'date',
    occupation: 'enum',
    branch: 'org',
    appliedOn: 'date',
    activistOn: 'date',
    candidateOn: 'date',
    admittedOn: 'date',
    approvedOn: 'date',
    fullOn: 'date',
    talkedOn: 'date',
    branchMeetingOn: 'date',
    extendedMonths: 'int',
  },
  branchMeeting: {
    branch: 'org',
    kind: ['memberAssembly', 'committee', 'groupMeeting', 'partyLecture', 'themeDay', 'lifeMeeting', 'democraticReview'],
    occurredOn: 'date',
    topic: 'text',
    attendees: 'int',
    lecturer: 'person',
  },
  dues: { member: 'person', month: 'month', baseIncome: 'money', due: 'money', paid: 'money', paidOn: 'date' },
  publication: { kind: ['newsLead', 'infoItem', 'article'], title: 'text', publishedOn: 'date', adoption: ['none', 'county', 'city', 'national'] },
  petition: {
    channel: ['countyTransfer', 'visit', 'letter', 'online', 'phone'],
    receivedOn: 'date',
    subject: 'text',
    dueOn: 'date',
    status: ['registered', 'accepted', 'handling', 'closed'],
    closedOn: 'date',
    satisfaction: ['satisfied', 'basic', 'unsatisfied', 'none'],
    extensionApproved: 'bool',
  },
  reception: { leader: 'person', kind: ['接访', '下访', '包案'], occurredOn: 'date', resolvedOnSpot: 'int' },
  dispute: {
    source: ['countyTransfer', 'center', 'grid', 'screening'],
    type: 'enum',
    parties: 'list',
    registeredOn: 'date',
    status: ['registered', 'mediating', 'resolved', 'referred'],
    resolvedOn: 'date',
    fengqiao: 'bool',
    bothPartiesAgreeToContinue: 'bool',
  },
};

const DATE_FIELD: Record<string, string> = {
  supervision: 'occurredOn',
  rectification: 'foundOn',
  talk: 'occurredOn',
  fourForms: 'occurredOn',
  disciplineDocument: 'issuedOn',
  clue: 'receivedOn',
  sanction: 'decidedOn',
  riskPoint: 'identifiedOn',
  relative: 'filedOn',
  powerMatter: 'occurredOn',
  activity: 'occurredOn',
  cadreAction: 'effectiveOn',
  practicalMatter: 'plannedOn',
  demand: 'receivedOn',
  partyMember: 'joinedOn',
  development: 'admittedOn',
  branchMeeting: 'occurredOn',
  dues: 'paidOn',
  publication: 'publishedOn',
  petition: 'receivedOn',
  reception: 'occurredOn',
  dispute: 'registeredOn',
};
const SENSITIVE = ['fourForms', 'clue', 'sanction', 'relative', 'powerMatter'];

/** The columns each catalog metric filters on (docs/catalog.md gives each metric's definition). */
const METRIC_COLUMNS: Record<string, Record<string, string>> = {
  rectification: { kind: 'source', status: 'status', refOrg: 'targetOrg', doneOn: 'doneOn' },
  talk: { kind: 'kind', n1: 'talkees' },
  fourForms: { kind: 'form', n1: 'subjects' },
  clue: { kind: 'disposal', date2: 'filedOn' },
  riskPoint: { kind: 'scope', n1: 'measures' },
  relative: { person: 'cadre' },
  powerMatter: { flag: 'verified', date2: 'publicizedOn' },
  activity: { kind: 'type', n1: 'quantity', n2: 'participants' },
  practicalMatter: { kind: 'category', status: 'status', doneOn: 'doneOn' },
  demand: { status: 'status', doneOn: 'resolvedOn', dueOn: 'dueOn' },
  development: { sub: 'occupation', date2: 'appliedOn', date3: 'birthDate', refOrg: 'branch' },
  partyMember: { status: 'status', refOrg: 'branch' },
  publication: { kind: 'kind', sub: 'adoption' },
  petition: { kind: 'channel', status: 'status', doneOn: 'closedOn', dueOn: 'dueOn', sub: 'satisfaction' },
  reception: { n1: 'resolvedOnSpot' },
  dispute: { kind: 'source', status: 'status', doneOn: 'resolvedOn', flag: 'fengqiao' },
};

function field(l: LedgerDecl, key: string): FieldDecl | undefined {
  return l.fields.find((f) => f.key === key);
}
function column(l: LedgerDecl, col: string): string | undefined {
  if (col === 'kind') return l.kindField;
  if (col === 'status') return l.statusField;
  return l.columns?.[col as keyof NonNullable<LedgerDecl['columns']>];
}

/** Local ledgers beyond the catalog (collision checks), declared after the catalog ones. */
const LOCAL = ['beneficiary', 'projectParty'];

describe('built-in ledger declarations', () => {
  it('has every catalog ledger, in catalog order, with unique keys', () => {
    expect(builtinLedgers.map((l) => l.key)).toEqual([...Object.keys(CATALOG), ...LOCAL]);
    for (const key of Object.keys(CATALOG)) expect(getBuiltinLedger(key)?.key).toBe(key);
    expect(getBuiltinLedger('nope')).toBeUndefined();
  });

  for (const l of builtinLedgers.filter((x) => x.key in CATALOG)) {
    describe(l.key, () => {
      it('declares the catalog fields with the right kinds and enum values', () => {
        for (const [key, spec] of Object.entries(CATALOG[l.key])) {
          const f = field(l, key);
          expect(f, `${l.key}.${key}`).toBeDefined();
          if (Array.isArray(spec)) {
            expect(f!.kind, `${l.key}.${key}`).toBe('enum');
            if (f!.kind === 'enum') expect(f!.options.map((o) => o.value)).toEqual(expect.arrayContaining(spec));
          } else {
            expect(f!.kind, `${l.key}.${key}`).toBe(spec);
          }
        }
      });

      it('has well-formed fields', () => {
        const keys = l.fields.map((f) => f.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const f of l.fields) {
          expect(FIELD_KINDS).toContain(f.kind);
          expect(f.label).toMatch(/\p{Script=Han}/u);
          if (f.kind === 'enum') {
            const values = f.options.map((o) => o.value);
            expect(new Set(values).size, `${l.key}.${f.key}`).toBe(values.length);
            for (const o of f.options) expect(o.label).toMatch(/\p{Script=Han}/u);
            if (f.default !== undefined) expect(values).toContain(f.default);
          }
          if (f.kind === 'recordRef') expect(getBuiltinLedger(f.ledger), `${l.key}.${f.key}`).toBeDefined();
          if (f.key === 'idNumber') expect(f.kind).toBe('idNumber');
        }
      });

      it('points dateField, kindField, statusField, titleField, columns and listColumns at existing fields', () => {
        expect(l.dateField).toBe(DATE_FIELD[l.key]);
        expect(field(l, l.dateField)?.kind).toBe('date');
        expect(field(l, l.titleField)).toBeDefined();
        if (l.kindField) expect(field(l, l.kindField)?.kind).toBe('enum');
        if (l.statusField) expect(field(l, l.statusField)?.kind).toBe('enum');
        for (const [col, key] of Object.entries(l.columns ?? {})) {
          expect(PROMOTED).toContain(col);
          const f = field(l, key);
          expect(f, `${l.key}.columns.${col}`).toBeDefined();
          const ok: Record<string, FieldKind[]> = {
            sub: ['enum', 'text', 'month'],
            flag: ['bool'],
            person: ['person', 'text'],
            refOrg: ['org'],
            dueOn: ['date'],
            doneOn: ['date'],
            date2: ['date'],
            date3: ['date'],
            n1: ['int', 'money', 'list'],
            n2: ['int', 'money', 'list'],
          };
          expect(ok[col], `${l.key}.columns.${col}`).toContain(f!.kind);
        }
        for (const key of l.listColumns) expect(field(l, key), `${l.key}.listColumns.${key}`).toBeDefined();
        for (const d of l.deadlines ?? []) {
          expect(field(l, d.field)?.kind).toBe('date');
          for (const from of [d.from].flat()) expect(field(l, from)?.kind).toBe('date');
          if (d.extend) {
            expect(field(l, d.extend.when)?.kind).toBe('bool');
            expect(field(l, d.extend.days)?.kind).toBe('int');
          }
        }
      });

      it('covers the columns the catalog metrics filter on', () => {
        for (const [col, key] of Object.entries(METRIC_COLUMNS[l.key] ?? {})) expect(column(l, col), `${l.key}.${col}`).toBe(key);
      });

      it('has a consistent workflow', () => {
        if (!l.workflow) return;
        const wf = l.workflow;
        expect(l.statusField).toBeDefined();
        const status = field(l, l.statusField!);
        expect(status?.kind).toBe('enum');
        const values = status?.kind === 'enum' ? status.options.map((o) => o.value) : [];
        expect(values).toContain(wf.initial);
        expect(Object.keys(wf.states)).toContain(wf.initial);
        expect(values.sort()).toEqual(Object.keys(wf.states).sort());
        for (const t of wf.transitions) {
          expect(Object.keys(wf.states)).toContain(t.to);
          if (t.from !== '*') for (const s of t.from) expect(Object.keys(wf.states)).toContain(s);
          for (const g of t.guards ?? []) expect(GUARDS).toContain(g);
          for (const k of t.fields ?? []) expect(field(l, k), `${l.key} transition field ${k}`).toBeDefined();
        }
      });

      it('keeps sensitive data away from other roles and administrators', () => {
        const all: Role[] = [...l.access.read, ...l.access.create, ...l.access.update, ...(l.access.transition ?? []), ...l.access.remove];
        for (const r of ADMIN_ROLES) expect(all).not.toContain(r);
        expect(Boolean(l.sensitive)).toBe(SENSITIVE.includes(l.key));
        if (l.sensitive) {
          expect(l.line).toBe('discipline');
          for (const r of ['organization', 'publicity', 'legal', 'village', 'grid', 'countyReviewer', 'admin'] as Role[])
            expect(l.access.read).not.toContain(r);
        }
      });
    });
  }

  it('marks petitioners’ personal data sensitive on the legal-line petition ledger', () => {
    const p = getBuiltinLedger('petition')!;
    expect(p.access.read).toContain('legal');
    for (const key of ['petitioner', 'petitionerPhone', 'idNumber']) expect(field(p, key)?.sensitive, key).toBe(true);
  });

  it('gives village secretaries and grid members the village-kept ledgers only', () => {
    const village = ['rectification', 'branchMeeting', 'partyMember', 'development', 'dues', 'activity', 'practicalMatter', 'demand', 'dispute', 'petition'];
    for (const l of builtinLedgers) {
      expect(l.access.read.includes('village'), l.key).toBe(village.includes(l.key));
      expect(l.access.read.includes('grid'), l.key).toBe(['dispute', 'demand'].includes(l.key));
    }
  });

  it('declares the deadlines of petitions and disputes', () => {
    // 60 days from 受理 (registration until accepted), plus an approved extension of at most 30.
    expect(getBuiltinLedger('petition')!.deadlines).toContainEqual({
      field: 'dueOn',
      from: ['acceptedOn', 'receivedOn'],
      days: 60,
      extend: { when: 'extensionApproved', days: 'extensionDays', max: 30 },
    });
    expect(getBuiltinLedger('dispute')!.deadlines).toContainEqual({ field: 'dueOn', from: 'registeredOn', days: 30 });
  });

  it('lists the catalog activity types', () => {
    const ids = ACTIVITY_TYPES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(21);
    for (const t of ACTIVITY_TYPES) if (t.counts === 'quantity') expect(t.unit, t.id).toBeTruthy();
    expect(ACTIVITY_TYPES.filter((t) => t.participants).map((t) => t.id)).toEqual(['volunteerService']);
  });
});
