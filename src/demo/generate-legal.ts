/** Demo records of activities (all lines), publicity and the political-legal line. */
import * as N from './names.ts';
import type { Gen } from './gen.ts';
import { addDays } from '../shared/dates.ts';

const min = (a: string, b: string) => (a < b ? a : b);

/**
 * Activity schedule: `monthly` types get one entry a month of the demo period, `perYear` a
 * number spread over the period; `qty` is the quantity range of quantity-counted types.
 */
const SCHEDULE: { type: string; monthly?: boolean; perYear?: number; qty?: [number, number]; village?: boolean }[] = [
  { type: 'warningConference', perYear: 2 },
  { type: 'integrityTraining', perYear: 3 },
  { type: 'warningFilm', perYear: 5, qty: [1, 1] },
  { type: 'reflection', perYear: 3, qty: [12, 36] },
  { type: 'casePost', monthly: true, qty: [2, 8] },
  { type: 'centerGroupStudy', monthly: true },
  { type: 'centerGroupDiscussion', monthly: true },
  { type: 'readingClass', perYear: 4 },
  { type: 'ideologyMeeting', perYear: 5 },
  { type: 'onlineRepost', monthly: true, qty: [18, 45] },
  { type: 'harmfulInfoReport', monthly: true, qty: [6, 15] },
  { type: 'exhibitionBoard', perYear: 6, qty: [3, 8] },
  { type: 'lampFlag', perYear: 3, qty: [8, 20] },
  { type: 'banner', perYear: 10, qty: [6, 20] },
  { type: 'wallSlogan', perYear: 3, qty: [4, 10] },
  { type: 'volunteerService', perYear: 110, village: true },
  { type: 'governanceTraining', perYear: 2 },
  { type: 'governancePublicity', perYear: 3, village: true },
  { type: 'antiDrugMeeting', perYear: 4 },
  { type: 'antiDrugInfo', monthly: true, qty: [1, 1] },
  { type: 'antiDrugEvent', perYear: 2 },
];

function activities(g: Gen): void {
  const t = g.town;
  for (const s of SCHEDULE) {
    const dates = s.monthly
      ? g.months().map(([y, m]) => g.day(y, m, 5, 26))
      : Array.from({ length: g.n(Math.round((s.perYear ?? 0) * 1.25)) }, (_, i) => g.when('activity', i));
    for (const occurredOn of dates.sort()) {
      if (occurredOn > g.end) continue; // this month's, not held yet
      const v = s.village && g.chance(0.7) ? g.village() : undefined;
      const volunteer = s.type === 'volunteerService';
      g.push('activity', v?.code ?? t.code, {
        type: s.type,
        title: g.fill(g.pick(N.ACTIVITY_TITLES[s.type]), v?.name).replace(String(g.year), occurredOn.slice(0, 4)),
        occurredOn,
        quantity: s.qty ? g.int(s.qty[0], s.qty[1]) : 1,
        participants: volunteer ? g.int(8, 30) : s.qty ? undefined : g.int(12, 60),
        place: v ? `${v.name}新时代文明实践站` : g.pick(['镇政府三楼会议室', '镇党群服务中心', '镇新时代文明实践所']),
        host: volunteer && v ? g.secretaryOf(v.code).name : g.leader().name,
      });
    }
  }
}

function publications(g: Gen): void {
  const kinds = [
    ['newsLead', 28, N.NEWS_LEADS, '县融媒体中心', { none: 5, county: 5 }],
    ['infoItem', 36, N.INFO_ITEMS, '县委办信息科', { none: 6, county: 3, city: 1 }],
    ['article', 110, N.ARTICLES, `“${g.town.name}发布”公众号`, { none: 77, county: 18, city: 4, national: 1 }],
  ] as const;
  for (const [kind, base, titles, outlet, adoption] of kinds) {
    for (let i = 0; i < g.n(base); i++) {
      const a = g.weighted<string>(adoption);
      g.push('publication', g.town.code, {
        kind,
        title: g.fill(g.pick(titles)),
        publishedOn: g.when('publication', i),
        outlet,
        author: g.pick(g.staff).name,
        adoption: a,
        adoptedBy: { none: undefined, county: '县融媒体中心', city: '市日报社', national: '新华社' }[a],
      });
    }
  }
}

function petitions(g: Gen): void {
  const t = g.town;
  for (let i = 0; i < g.n(26); i++) {
    const receivedOn = g.when('petition', i);
    const channel = g.weighted({ countyTransfer: 10, visit: 6, letter: 2, online: 5, phone: 3 });
    const extended = g.chance(0.06);
    const dueOn = addDays(receivedOn, extended ? 90 : 60);
    const fresh = addDays(receivedOn, 15) > g.end;
    // Living: petitions due by the quarter's end are nearly all closed (a backlog at the quarter's
    // end vetoes the town's assessment); later ones are closed in proportion to the time gone by.
    const days = g.daysSince(receivedOn);
    const limit = extended ? 85 : 58;
    const closed = !fresh && g.chance(g.living ? (dueOn <= g.horizon ? 0.98 : 0.86 * Math.min(1, days / 60)) : 0.86);
    const closedOn = !closed
      ? undefined
      : g.living
        ? addDays(receivedOn, g.int(Math.min(8, days), Math.min(limit, days)))
        : min(g.end, addDays(receivedOn, g.int(8, limit)));
    const status = closed ? 'closed' : fresh ? g.pick(['registered', 'accepted']) : 'handling';
    const male = g.chance(0.65);
    const birth = g.birth(1950, 1990);
    const v = g.chance(0.2) ? g.village() : undefined;
    g.push('petition', v?.code ?? t.code, {
      channel,
      subject: g.pick(N.PETITIONS),
      petitioner: g.name(male, Number(birth.slice(0, 4))),
      petitionerPhone: g.phone(),
      idNumber: g.chance(0.6) ? g.idNumber(birth, male) : undefined,
      peopleCount: g.chance(0.1) ? g.int(5, 12) : 1,
      receivedOn,
      acceptedOn: status === 'registered' ? undefined : addDays(receivedOn, g.int(1, 7)),
      dueOn,
      extensionApproved: extended || undefined,
      handler: g.pick(g.staff).name,
      leader: g.leader().name,
      status,
      closedOn,
      satisfaction: closed ? g.weighted({ satisfied: 14, basic: 4, unsatisfied: 1, none: 1 }) : undefined,
      result: closed ? '已依法依规答复，送达处理意见书' : undefined,
    });
    const f = g.out[g.out.length - 1].fields;
    if (typeof f.acceptedOn === 'string' && !g.past(f.acceptedOn)) {
      delete f.acceptedOn; // received these last days, not accepted yet
      f.status = 'registered';
    }
  }
}

function receptions(g: Gen): void {
  for (let i = 0; i < g.n(24); i++) {
    const cases = g.int(1, 3);
    g.push('reception', g.town.code, {
      leader: g.leader().name,
      kind: g.weighted({ 接访: 6, 下访: 3, 包案: 1 }),
      occurredOn: g.when('reception', i),
      summary: g.pick(N.RECEPTIONS),
      place: g.chance(0.6) ? '镇信访接待室' : `${g.village().name}党群服务中心`,
      visitors: g.int(1, 6),
      cases,
      resolvedOnSpot: g.int(0, cases),
    });
  }
}

const TYPE_WEIGHTS = { 婚姻家庭: 4, 邻里纠纷: 6, 土地山林: 3, 宅基地: 3, 劳资纠纷: 2, 合同纠纷: 2, 损害赔偿: 2, 物业纠纷: 1, 其他: 1 };

function disputes(g: Gen): void {
  const t = g.town;
  for (const [source, base] of [
    ['countyTransfer', 8],
    ['center', 22],
    ['grid', 20],
    ['screening', 12],
  ] as const) {
    for (let i = 0; i < g.n(base); i++) {
      const v = g.village();
      const org = source === 'grid' || source === 'screening' ? v.code : t.code;
      const type = g.weighted(TYPE_WEIGHTS);
      const registeredOn = g.when('dispute', i);
      const long = g.chance(0.08);
      const fresh = addDays(registeredOn, 7) > g.end;
      const outcome = fresh ? g.pick(['registered', 'mediating']) : g.weighted({ resolved: 82, referred: 6, mediating: 10, registered: 2 });
      const finished = outcome === 'resolved' || outcome === 'referred';
      const resolvedOn = finished ? min(g.end, addDays(registeredOn, long ? g.int(32, 55) : g.int(1, 28))) : undefined;
      const parties = [g.name(true, 1970), g.name(g.chance(0.5), 1975)];
      g.push('dispute', org, {
        title: `${v.name}${g.pick(N.DISPUTES[type])}`,
        source,
        type,
        parties,
        peopleCount: g.chance(0.1) ? g.int(3, 8) : 2,
        riskLevel: g.weighted({ 一般: 90, 较大: 8, 可能激化: 2 }),
        registeredOn,
        dueOn: addDays(registeredOn, 30),
        bothPartiesAgreeToContinue: long || undefined,
        mediator: org === t.code ? g.pick(g.staff).name : g.secretaryOf(v.code).name,
        status: outcome,
        resolvedOn,
        fengqiao: outcome === 'resolved' ? source !== 'countyTransfer' && g.chance(0.7) : false,
        agreement: outcome === 'resolved' ? g.weighted({ 书面协议: 6, 口头协议: 4 }) : undefined,
        referredTo: outcome === 'referred' ? g.pick(['镇派出所', '县人民法院', '县人社局']) : undefined,
        followUpOn: outcome === 'resolved' && resolvedOn ? min(g.end, addDays(resolvedOn, g.int(7, 30))) : undefined,
      });
    }
  }
}

export function publicityLegalRecords(g: Gen): void {
  activities(g);
  publications(g);
  petitions(g);
  receptions(g);
  disputes(g);
}
