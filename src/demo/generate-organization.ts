/** Demo records of the organisation line: members, development, meetings, dues, cadres, 办实事. */
import * as N from './names.ts';
import type { Gen, DemoOrgRef } from './gen.ts';
import { addDays } from '../shared/dates.ts';

const min = (a: string, b: string) => (a < b ? a : b);

function cadreActions(g: Gen): void {
  const counts = { sectionAppointment: 2, civilServantRank: 5, staffGrade: 3, sanzhiyifu: 2 };
  for (const [kind, base] of Object.entries(counts)) {
    for (let i = 0; i < g.n(base); i++) {
      const [fromPost, toPost] = g.pick(N.CADRE_POSTS[kind]);
      const p = g.person(toPost, g.town.code, 1975, 1999);
      const effectiveOn = g.when('cadreAction', i, () => (g.chance(0.15) ? g.dayAt(g.int(0, 2)) : g.dayAt(g.int(3, 14))));
      g.push('cadreAction', g.town.code, {
        kind,
        person: p.name,
        fromPost,
        toPost,
        effectiveOn,
        docNo: `${g.town.name.slice(0, 2)}组〔${effectiveOn.slice(0, 4)}〕${g.int(1, 40)}号`,
      });
    }
  }
}

function practicalMatters(g: Gen): void {
  const t = g.town;
  const one = (org: string, category: string, title: string) => {
    const plannedOn = g.chance(0.1) ? g.dayAt(g.int(0, 2)) : g.dayAt(g.int(3, 5));
    const dueOn = min(g.horizon, addDays(plannedOn, g.int(60, 270)));
    const s = g.settle(plannedOn, dueOn, 0.82);
    const status = s.done ? 'done' : g.chance(0.8) ? 'inProgress' : 'planned';
    g.push('practicalMatter', org, {
      title,
      category,
      plannedOn,
      dueOn,
      owner: g.leader().name,
      budget: category === 'keyProject' ? g.int(20, 300) * 10_000 : g.int(2, 50) * 1000,
      status,
      doneOn: s.doneOn,
    });
  };
  for (const tpl of g.sample(N.PRACTICAL_KEY, g.n(6))) one(t.code, 'keyProject', g.fill(tpl));
  for (const tpl of g.sample(N.PRACTICAL_GENERAL, g.n(4))) one(t.code, 'general', g.fill(tpl));
  for (const v of t.villages) for (const tpl of g.sample(N.PRACTICAL_GENERAL, g.n(g.int(2, 3)))) one(v.code, 'general', g.fill(tpl, v.name));
}

const DEMAND_SOURCES = { 联点访户: 4, 四个走遍: 3, 热线: 4, 来访: 2, 网格上报: 5, 其他: 1 };

function demands(g: Gen): void {
  const t = g.town;
  const one = (org: string, i: number, villageName?: string) => {
    const receivedOn = g.when('demand', i);
    const dueOn = addDays(receivedOn, 15);
    const fresh = addDays(receivedOn, 10) > g.end;
    const resolved = !fresh && g.chance(0.9);
    const resolvedOn = resolved ? min(g.end, addDays(receivedOn, g.chance(0.9) ? g.int(1, 14) : g.int(16, 40))) : undefined;
    const born = g.int(1945, 1995);
    g.push('demand', org, {
      content: g.fill(g.pick(N.DEMANDS), villageName),
      source: g.weighted(DEMAND_SOURCES),
      requester: g.name(g.chance(0.6), born),
      phone: g.phone(),
      receivedOn,
      dueOn,
      handler: g.leader().name,
      status: resolved ? 'resolved' : fresh && g.chance(0.5) ? 'open' : 'inProgress',
      resolvedOn,
      result: resolved ? '已协调相关部门解决，群众表示满意' : undefined,
    });
  };
  for (let i = 0; i < g.n(20); i++) one(t.code, i);
  for (const v of t.villages) for (let i = 0; i < g.n(18); i++) one(v.code, i + 1, v.name);
}

function educationFor(g: Gen, born: number): string {
  if (born < 1955) return g.pick(['小学及以下', '初中', '初中']);
  if (born < 1970) return g.pick(['初中', '高中', '中专']);
  return g.pick(['高中', '中专', '大学专科', '大学本科', '大学本科']);
}

interface Member {
  name: string;
  occupation: string;
  status: string;
}

/** A member of `branch`; `incomplete` leaves out a field or spoils the ID number. */
function member(
  g: Gen,
  branch: DemoOrgRef,
  village: boolean,
  o: { name?: string; male?: boolean; birth?: string; occupation?: string; joinedOn?: string } = {},
): Member {
  const male = o.male ?? g.chance(0.72);
  const birth = o.birth ?? g.birth(village ? 1938 : 1965, village ? 2000 : 1998);
  const born = Number(birth.slice(0, 4));
  const name = o.name ?? g.name(male, born);
  const age = g.year - born;
  const occupation =
    o.occupation ??
    (village
      ? age >= 60
        ? g.pick(['农民', '农民', '农民', '离退休人员'])
        : g.pick(['农民', '农民', '农民', '工人', '个体经营者', '其他'])
      : g.pick(['机关干部', '机关干部', '事业单位人员']));
  const joinedOn = o.joinedOn ?? min(`${g.year - 2}-12-31`, g.between(addDays(birth, 365 * 20), addDays(birth, 365 * 42)));
  const probationary = addDays(joinedOn, 365) > g.end;
  const gone = o.joinedOn ? undefined : age > 75 && g.chance(0.04) ? 'deceased' : g.chance(0.02) ? 'transferredOut' : undefined;
  const status = gone ?? (probationary ? 'probationary' : 'full');
  const fields: Record<string, unknown> = {
    name,
    gender: male ? '男' : '女',
    birthDate: birth,
    idNumber: g.idNumber(birth, male),
    ethnicity: '汉族',
    education: educationFor(g, born),
    occupation,
    branch: branch.code,
    joinedOn,
    fullMemberOn: probationary ? undefined : addDays(joinedOn, 365),
    status,
    phone: g.phone(),
    leftOn: gone ? g.between(g.start, g.end) : undefined,
  };
  if (g.chance(0.06)) {
    const spoil = g.pick(['phone', 'education', 'idNumber', 'idBirth', 'birthDate']);
    if (spoil === 'idBirth') fields.idNumber = g.idNumber(addDays(birth, g.int(1, 400)), male);
    else delete fields[spoil];
  }
  g.push('partyMember', branch.code, fields);
  return { name, occupation, status };
}

/** Development pipeline of one branch; admitted people join the roster as members. */
function development(g: Gen, branch: DemoOrgRef, village: boolean, noneTwoYears: boolean): void {
  const one = (stage: 'applicant' | 'activist' | 'candidate' | 'admitted' | 'full', young: boolean) => {
    const farmer = village && g.chance(young ? 0.65 : 0.5);
    const admitted = stage === 'admitted' || stage === 'full';
    // Months of the window: 3..14 are the seed's year, -9..2 the year before.
    const anchor = admitted
      ? stage === 'full'
        ? g.dayAt(g.int(-7, 2))
        : g.when('development', 0, () => g.dayAt(g.int(5, 14)))
      : stage === 'candidate'
        ? g.dayAt(g.int(5, 14))
        : stage === 'activist'
          ? g.between(g.monthStart(-4), min(g.end, addDays(g.horizon, -31)))
          : g.dayAt(g.int(3, 13));
    const admittedOn = admitted ? anchor : undefined;
    const candidateOn = admittedOn ? addDays(admittedOn, -g.int(90, 180)) : stage === 'candidate' ? anchor : undefined;
    const activistOn = candidateOn ? addDays(candidateOn, -g.int(366, 420)) : stage === 'activist' ? anchor : undefined;
    const appliedOn = activistOn ? addDays(activistOn, -g.int(185, 240)) : anchor;
    const age = young ? g.int(22, 33) : g.int(36, 50);
    const birthDate = g.between(addDays(anchor, -365 * (age + 1) + 1), addDays(anchor, -365 * age - 1));
    const male = g.chance(0.65);
    const name = g.name(male, Number(birthDate.slice(0, 4)));
    const occupation = farmer ? '农民' : village ? g.pick(['工人', '个体经营者', '其他']) : '机关干部';
    const approvedOn = admittedOn ? addDays(admittedOn, g.int(20, 80)) : undefined;
    const fullOn = stage === 'full' && admittedOn ? g.past(addDays(admittedOn, 365)) : undefined;
    g.push('development', branch.code, {
      name,
      gender: male ? '男' : '女',
      birthDate,
      occupation,
      branch: branch.code,
      education: educationFor(g, Number(birthDate.slice(0, 4))),
      appliedOn,
      talkedOn: g.past(addDays(appliedOn, g.int(5, 28))),
      activistOn,
      candidateOn,
      politicalReviewOn: admittedOn && addDays(admittedOn, -g.int(20, 60)),
      trainingHours: admitted ? g.pick([24, 24, 32]) : undefined,
      preReviewOn: admittedOn && addDays(admittedOn, -g.int(7, 25)),
      admittedOn,
      approvedOn: approvedOn && approvedOn <= g.end ? approvedOn : undefined,
      branchMeetingOn: fullOn,
      fullOn,
      introducers: admitted ? [g.name(true, 1970), g.name(false, 1975)] : undefined,
    });
    if (admittedOn) member(g, branch, village, { name, male, birth: birthDate, occupation, joinedOn: admittedOn });
  };
  if (!noneTwoYears) {
    if (g.chance(0.7)) one('full', g.chance(0.5));
    for (let i = 0; i < g.n(g.int(1, 2)); i++) one('admitted', g.chance(0.6));
  }
  for (let i = 0; i < g.n(g.int(1, 2)); i++) one('applicant', g.chance(0.7));
  one('activist', g.chance(0.6));
  if (g.chance(0.5)) one('candidate', g.chance(0.5));
}

const QUARTER_END = [3, 6, 9, 12];

/** 三会一课 of one branch over the demo period; `voters` is the count of full members. */
function meetings(g: Gen, branch: DemoOrgRef, voters: number, secretary: string, townBranch: boolean): void {
  const meet = (kind: string, occurredOn: string, lecturer?: string) => {
    if (occurredOn > g.end) return; // not held yet
    const expected = kind === 'committee' ? g.int(3, 5) : kind === 'groupMeeting' ? Math.ceil(voters / 2) : voters;
    const attendees = Math.max(1, expected - g.int(0, Math.floor(expected / 4)));
    const topic = g.fill(g.pick(N.MEETING_TOPICS[kind])).replace(String(g.year), occurredOn.slice(0, 4));
    g.push('branchMeeting', branch.code, { branch: branch.code, kind, occurredOn, topic, host: secretary, lecturer, expected, attendees });
  };
  for (const [y, m] of g.months()) {
    if (g.chance(0.92)) meet('committee', g.day(y, m, 3, 12));
    meet('themeDay', g.day(y, m, 1, 7));
    meet('groupMeeting', g.day(y, m, 13, 26));
    if (QUARTER_END.includes(m)) {
      if (g.chance(0.96)) meet('memberAssembly', g.day(y, m - g.int(0, 2), 8, 25));
      const chief = townBranch && m === 6; // 镇党委书记每年至少讲1次党课
      meet('partyLecture', g.day(y, m - g.int(0, 2), 8, 25), chief ? g.leaders[0].name : g.chance(0.7) ? secretary : g.leader().name);
    }
    if (m === 12) {
      meet('lifeMeeting', g.day(y, 12, 10, 28));
      meet('democraticReview', g.day(y, 12, 10, 28));
    }
  }
}

function rate(base: number, retired: boolean): number {
  if (retired) return base <= 5000 ? 0.005 : 0.01;
  return base <= 3000 ? 0.005 : base <= 5000 ? 0.01 : base <= 10_000 ? 0.015 : 0.02;
}

/** 党费 of one branch for the twelve months up to the demo's last (the seed's year); a few months go unpaid. */
function dues(g: Gen, branch: DemoOrgRef, members: Member[]): void {
  const months = g.months().slice(-12);
  for (const m of members.filter((x) => x.status === 'full')) {
    const category = m.occupation === '农民' ? '农民' : m.occupation === '离退休人员' ? '离退休' : '在职';
    const base = category === '农民' ? undefined : g.int(22, 70) * 100;
    const due = base === undefined ? g.pick([0.5, 1]) : Math.round(base * rate(base, category === '离退休') * 100) / 100;
    const method = g.chance(0.6) ? '线上' : '现金';
    for (const [y, month] of months) {
      if (g.chance(0.03)) continue;
      const paidOn = g.day(y, month, 1, 25);
      if (paidOn > g.end) continue; // this month's, not paid yet
      g.push('dues', branch.code, {
        member: m.name,
        category,
        month: `${y}-${String(month).padStart(2, '0')}`,
        baseIncome: base,
        due,
        paid: due,
        paidOn,
        method,
        receiptNo: method === '现金' ? `${y}${String(month).padStart(2, '0')}${g.int(100, 999)}` : undefined,
      });
    }
  }
}

export function organizationRecords(g: Gen): void {
  cadreActions(g);
  practicalMatters(g);
  demands(g);
  const t = g.town;
  const skip = t.villages.length >= 5 && g.chance(0.5) ? t.villages[t.villages.length - 1].code : undefined;
  const branches: { b: DemoOrgRef; village: boolean; secretary: string; none: boolean }[] = [
    ...(t.branches ?? []).map((b) => ({ b, village: false, secretary: g.leaders[2].name, none: false })),
    ...t.villages.flatMap((v) => v.branches.map((b) => ({ b, village: true, secretary: g.secretaryOf(v.code).name, none: v.code === skip }))),
  ];
  branches.forEach(({ b, village, secretary, none }, i) => {
    const members = Array.from({ length: g.n(village ? g.int(28, 48) : g.int(20, 32)) }, () => member(g, b, village));
    development(g, b, village, none);
    meetings(g, b, members.filter((m) => m.status === 'full').length, secretary, !village);
    if (i === 0) dues(g, b, members); // one branch's full year is enough to show the ledger
  });
}
