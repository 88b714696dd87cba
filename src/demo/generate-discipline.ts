/** Demo records of the discipline line: supervision, rectification, talks, clues, risks, relatives. */
import * as N from './names.ts';
import type { Gen } from './gen.ts';
import { addDays } from '../shared/dates.ts';

const AREA_WEIGHTS = { 人居环境整治: 6, 荒草禁烧: 3, 文明祭扫: 2, 违法建设治理: 3, 安全生产: 5, 自建房安全: 2, 债务风险: 2, 干部作风: 4, 其他: 2 };

function rectification(g: Gen, source: string, targetOrg: string, foundOn: string, batch?: string, villageName?: string): void {
  const t = g.town;
  const inVillage = targetOrg !== t.code;
  const dueOn = addDays(foundOn, g.pick([30, 45, 60, 90, 120]));
  const s = g.settle(foundOn, dueOn, 0.84);
  const longTerm = !s.done && g.chance(0.35);
  const status = s.done ? 'done' : longTerm ? 'longTerm' : g.chance(0.8) ? 'inProgress' : 'open';
  g.push('rectification', t.code, {
    title: g.fill(g.pick(N.PROBLEMS[source]), villageName),
    source,
    batch,
    targetOrg,
    foundOn,
    measures: g.pick(N.RECT_MEASURES),
    leader: g.leader().name,
    owner: inVillage ? g.secretaryOf(targetOrg).name : g.pick(g.staff).name,
    dueOn,
    status,
    doneOn: s.doneOn,
    doneNote: s.done || longTerm ? g.pick(N.RECT_DONE_NOTES) : undefined,
  });
}

function supervisionAndRectification(g: Gen): void {
  const t = g.town;
  for (let i = 0; i < g.n(36); i++) {
    const area = g.weighted(AREA_WEIGHTS);
    const v = g.village();
    const occurredOn = g.when('supervision', i);
    const problems = g.weighted({ 0: 3, 1: 4, 2: 2, 3: 1 });
    g.push('supervision', t.code, {
      title: g.fill(g.pick(N.SUPERVISION_TITLES[area]), v.name),
      area,
      occurredOn,
      leader: g.leader('discipline').name,
      targets: [v.name],
      problemsFound: Number(problems),
    });
    for (let k = 0; k < Number(problems); k++) rectification(g, 'supervision', v.code, min(g.end, addDays(occurredOn, g.int(0, 3))), undefined, v.name);
  }
  // One round of county inspection (巡察) of the town and most villages, fed back in the spring of
  // the seed's year; living: two months ago, its rectification under way, some items due soon.
  const feedback = g.dayAt(g.living ? g.lastMonth - 2 : 6, 6, 20);
  const round = g.pick(['一', '二']);
  const batch = `${feedback.slice(0, 4)}年县委第${g.living ? inspectionRound(feedback) : round}轮巡察`;
  for (let i = 0; i < g.n(16); i++) rectification(g, 'inspection', t.code, feedback, batch);
  for (const v of t.villages) {
    if (!g.chance(0.8)) continue;
    for (let i = 0; i < g.n(g.int(2, 5)); i++) rectification(g, 'inspection', v.code, feedback, batch, v.name);
  }
  const prior = g.dayAt(1, 1, 20);
  for (let i = 0; i < g.n(5); i++) rectification(g, 'inspection', t.code, prior, `${prior.slice(0, 4)}年县委第${inspectionRound(prior)}轮巡察`);
  const selfCheck = g.dayAt(4, 10, 28);
  for (let i = 0; i < g.n(6); i++) rectification(g, 'selfCheck', t.code, selfCheck, `${selfCheck.slice(0, 4)}年作风建设专项行动自查`);
  for (let i = 0; i < g.n(9); i++) {
    const v = g.village();
    rectification(g, 'higherCheck', g.chance(0.5) ? t.code : v.code, g.when('rectification', i), undefined, v.name);
  }
  for (let i = 0; i < g.n(3); i++) {
    const v = g.village();
    rectification(g, 'other', v.code, g.any(), undefined, v.name);
  }
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);
/** The county's inspection rounds of a year: spring, summer, autumn. */
const inspectionRound = (d: string) => ['一', '一', '一', '一', '二', '二', '二', '二', '三', '三', '三', '三'][Number(d.slice(5, 7)) - 1];

function talks(g: Gen): void {
  const t = g.town;
  const jw = g.leader('discipline');
  const rounds = [g.plannedAt(2, 5, 20), g.plannedAt(8, 10, 25), g.plannedAt(14, 4, 20)];
  for (const d of rounds) {
    if (d > g.end) continue; // the year-end round is still to come
    for (const v of t.villages) {
      const c = g.villageCadres.get(v.code)!;
      const talkees = g.chance(0.4) ? [c[0].name, c[1].name] : [c[0].name];
      g.push('talk', t.code, {
        kind: 'integrityDuty',
        talker: jw.name,
        talkees,
        occurredOn: min(g.end, addDays(d, g.int(0, 5))),
        topic: g.pick(N.TALK_TOPICS.integrityDuty),
      });
    }
  }
  const kinds = { heartToHeart: 18, reminder: 9, admonish: 2, inquiry: 3 };
  for (const [kind, base] of Object.entries(kinds)) {
    for (let i = 0; i < g.n(base); i++) {
      const occurredOn = g.when('talk', i);
      const talkees = Array.from({ length: kind === 'heartToHeart' ? g.int(1, 4) : 1 }, () => g.pick(g.cadres()).name);
      const inquiry = kind === 'inquiry';
      const repliedOn = inquiry && g.chance(0.8) ? min(g.end, addDays(occurredOn, g.int(6, 20))) : undefined;
      g.push('talk', t.code, {
        kind,
        talker: kind === 'heartToHeart' ? g.leader().name : jw.name,
        talkees: [...new Set(talkees)],
        occurredOn,
        topic: g.pick(N.TALK_TOPICS[kind]),
        replyDueOn: inquiry ? addDays(occurredOn, 21) : undefined,
        repliedOn,
      });
    }
  }
}

function formsAndDocuments(g: Gen): void {
  const t = g.town;
  const forms = { '1': 22, '2': 3, '3': 1, '4': g.chance(0.3) ? 1 : 0 };
  for (const [form, base] of Object.entries(forms)) {
    for (let i = 0; i < g.n(base); i++) {
      const subjects = Array.from({ length: form === '1' ? Number(g.weighted({ 1: 6, 2: 3, 3: 1 })) : 1 }, () => g.pick(g.cadres()).name);
      g.push('fourForms', t.code, {
        form,
        subjects: [...new Set(subjects)],
        measure: g.pick(N.FORM_MEASURES[form]),
        byLeader: form === '1' ? g.leader().name : g.leader('discipline').name,
        occurredOn: g.when('fourForms', i),
        reason: g.pick(N.FORM_REASONS),
      });
    }
  }
  const recipients = ['各村党组织', '机关各科室', '各纪检监察工作联络站'];
  // The seed's year: the New Year's letter of the year before and each holiday of the year; living: every holiday in the window.
  const holidays = (
    g.living
      ? [g.year - 1, g.year].flatMap((y) => N.HOLIDAYS.map(([md, h]) => [y, md, h]))
      : [[g.year - 1, '12-28', '元旦'], ...N.HOLIDAYS.map(([md, h]) => [g.year, md, h])]
  ) as [number, string, string][];
  for (const [y, md, h] of holidays) {
    const issuedOn = addDays(`${y}-${md}`, -g.int(3, 7));
    if (issuedOn < g.start || issuedOn > g.end) continue;
    for (const r of recipients.slice(0, g.int(1, 3))) {
      g.push('disciplineDocument', t.code, {
        kind: 'reminderLetter',
        title: `关于${h}期间严守纪律规矩、廉洁过节的提示函`,
        docNo: `${t.name.slice(0, 2)}纪提〔${y}〕${g.int(1, 30)}号`,
        recipient: r,
        issuedOn,
      });
    }
  }
  for (let i = 0; i < g.n(3); i++) {
    const issuedOn = g.when('disciplineDocument', i);
    g.push('disciplineDocument', t.code, {
      kind: 'reminderLetter',
      title: g.pick(N.LETTER_TITLES.slice(4)),
      recipient: `${g.village().name}党支部`,
      issuedOn,
      replyDueOn: addDays(issuedOn, 15),
      repliedOn: min(g.end, addDays(issuedOn, g.int(5, 15))),
    });
  }
  for (const [kind, base] of [
    ['disciplineSuggestion', 3],
    ['supervisionSuggestion', 2],
  ] as const) {
    for (let i = 0; i < g.n(base); i++) {
      const issuedOn = g.any();
      const repliedOn = g.chance(0.8) ? addDays(issuedOn, g.int(10, 35)) : undefined;
      g.push('disciplineDocument', t.code, {
        kind,
        title: g.pick(N.SUGGESTION_TITLES.filter((s) => s.includes(kind === 'disciplineSuggestion' ? '纪律检查' : '监察建议'))),
        recipient: g.chance(0.5) ? `${g.village().name}党支部` : g.pick(['镇财政所', '镇农业农村办', '镇民政办']),
        issuedOn,
        replyDueOn: addDays(issuedOn, 30),
        repliedOn: repliedOn && repliedOn <= g.end ? repliedOn : undefined,
      });
    }
  }
}

const SANCTIONS = ['seriousWarning', 'demerit', 'expulsion', 'warning', 'govWarning', 'seriousWarning', 'majorDemerit', 'removal'];

function cluesAndSanctions(g: Gen): void {
  const t = g.town;
  let s = 0;
  let sanctionedLately = false;
  for (let i = 0; i < g.n(16); i++) {
    const caseFiled = i % 4 === 1;
    const receivedOn = caseFiled ? g.between(g.start, min(addDays(g.horizon, -92), addDays(g.end, -30))) : g.when('clue', i);
    const disposal = caseFiled ? 'caseFiled' : g.weighted({ talkInquiry: 4, preliminaryCheck: 4, shelved: 1, closed: 2 });
    const fresh = addDays(receivedOn, 15) > g.end;
    const status = fresh ? 'pending' : g.chance(0.85) ? 'disposed' : 'disposing';
    const filedOn = caseFiled && !fresh ? min(g.end, addDays(receivedOn, g.int(10, 40))) : undefined;
    const subject = g.chance(0.8) ? g.pick([...g.villageCadres.values()].flat()) : g.pick(g.cadres());
    g.push('clue', t.code, {
      summary: g.fill(g.pick(N.CLUE_SUMMARIES)),
      source: g.weighted({ 信访举报: 6, 巡察移交: 2, 审计移交: 1, 上级交办: 2, 监督检查发现: 2 }),
      receivedOn,
      subjectPerson: subject.name,
      subjectPost: subject.post,
      disposal: status === 'pending' ? undefined : disposal,
      filedOn,
      disposedOn: status === 'disposed' ? min(g.end, addDays(filedOn ?? receivedOn, g.int(15, 60))) : undefined,
      status,
    });
    let decidedOn = filedOn && addDays(filedOn, g.int(20, 60));
    // Living: the last filed case is decided in the current quarter at the latest.
    if (g.living && filedOn && i + 4 >= g.n(16) && !sanctionedLately) decidedOn = max(filedOn, g.recent());
    if (decidedOn && decidedOn <= g.end) {
      sanctionedLately ||= decidedOn >= g.quarterStart;
      const kind = SANCTIONS[s++ % SANCTIONS.length];
      g.push('sanction', t.code, {
        person: subject.name,
        post: subject.post,
        kind,
        decidedOn,
        docNo: `${t.name.slice(0, 2)}纪处〔${decidedOn.slice(0, 4)}〕${s}号`,
        reason: g.pick(N.FORM_REASONS),
      });
    }
  }
}

function risks(g: Gen): void {
  const t = g.town;
  const when = () => (g.chance(0.1) ? g.dayAt(2, 1, 28) : g.dayAt(g.int(4, 5)));
  const point = (org: string, scope: string, owner: string, post: string, description: string, measures: string[], level: string) =>
    g.push('riskPoint', org, { scope, owner, post, description, level, measures, identifiedOn: when(), leader: g.leader().name });
  const some = (m: string[]) => m.slice(0, g.int(Math.min(2, m.length), m.length));
  for (const r of N.ORG_RISKS) {
    const level = /资金|工程|低保|补贴|发包/.test(r.description) ? 'high' : 'medium';
    if (!r.post.startsWith('村')) point(t.code, 'org', g.pick(g.staff).name, r.post, r.description, some(r.measures), level);
    else for (const v of t.villages) point(v.code, 'org', g.secretaryOf(v.code).name, r.post, r.description, some(r.measures), level);
  }
  for (const p of g.cadres()) {
    for (const r of g.sample(N.PERSONAL_RISKS, g.n(g.int(1, 3)))) {
      point(p.org, 'personal', p.name, p.post, r.description, some(r.measures), g.chance(0.2) ? 'high' : g.chance(0.6) ? 'medium' : 'low');
    }
  }
}

function relatives(g: Gen): void {
  const t = g.town;
  const y = (p: { birth: string }) => Number(p.birth.slice(0, 4));
  for (const c of g.cadres()) {
    const born = y(c);
    const list: [string, number, boolean][] = [];
    if (g.chance(0.9)) list.push(['配偶', born + g.int(-3, 4), !c.male]);
    for (let i = 0; i < g.int(1, 2); i++) list.push(['子女', born + g.int(23, 32), g.chance(0.5)]);
    if (born < 1975 && g.chance(0.4)) list.push(['子女配偶', born + g.int(24, 32), g.chance(0.5)]);
    for (let i = 0; i < g.int(0, 2); i++) if (born > 1965) list.push(['父母', born - g.int(22, 30), i === 0]);
    for (let i = 0; i < g.int(0, 2); i++) list.push(['兄弟姐妹', born + g.int(-8, 8), g.chance(0.5)]);
    const names: string[] = [];
    const filedOn = g.chance(0.85) ? g.dayAt(g.int(5, 6)) : g.any();
    for (const [relation, by, male] of list) {
      if (by >= g.year) continue;
      const birth = g.birth(by, Math.min(by, g.year - 1));
      const name = g.name(male, by);
      names.push(name);
      g.push('relative', t.code, {
        cadre: c.name,
        cadrePost: c.post,
        name,
        relation,
        idNumber: g.idNumber(birth, male),
        livesTogether: relation === '配偶' || (relation === '子女' && g.year - by < 22),
        filedOn,
      });
    }
    g.relativesOf.set(c.name, names);
  }
}

const AMOUNTS: Record<string, number> = {
  低保: 3600,
  特困供养: 7200,
  危房改造: 20000,
  惠农补贴: 1200,
  村级工程: 86000,
  招投标: 150000,
  征地拆迁: 45000,
  其他: 500,
};
const MATTER_WEIGHTS = { 低保: 5, 特困供养: 1, 危房改造: 2, 惠农补贴: 6, 宅基地审批: 3, 村级工程: 2, 招投标: 1, 征地拆迁: 1, 其他: 1 };

function powerMatters(g: Gen): void {
  for (let i = 0; i < g.n(24); i++) {
    const v = g.village();
    const cadre = g.pick(g.villageCadres.get(v.code)!);
    const relative = g.relativesOf.get(cadre.name)?.[0];
    if (!relative) continue;
    const matterType = g.weighted(MATTER_WEIGHTS);
    const occurredOn = g.when('powerMatter', i);
    const verified = g.chance(0.85);
    const publicizedOn = verified ? addDays(occurredOn, g.int(3, 20)) : undefined;
    g.push('powerMatter', v.code, {
      title: `${v.name}${cadre.name}亲属${relative}${matterType}事项`,
      matterType,
      cadre: cadre.name,
      beneficiary: relative,
      amount: AMOUNTS[matterType],
      occurredOn,
      avoided: g.chance(0.95),
      verified,
      publicizedOn: publicizedOn && publicizedOn <= g.end ? publicizedOn : undefined,
    });
  }
}

export function disciplineRecords(g: Gen): void {
  supervisionAndRectification(g);
  talks(g);
  formsAndDocuments(g);
  cluesAndSanctions(g);
  risks(g);
  relatives(g);
  powerMatters(g);
}
