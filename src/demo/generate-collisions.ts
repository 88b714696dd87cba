/**
 * Demo lists for the collision checks (小微权力监督): each village's 惠民资金/救助对象名单 and
 * the parties of a few village projects, mostly ordinary villagers. Deterministically, a few
 * cadres' relatives appear on them: relatives with a verified 亲属涉权事项 (disclosed, no
 * alert), relatives whose matter is not yet verified, one by ID number with no disclosure at
 * all, and one project worker listed by name only (a low-confidence match).
 */
import type { Gen, InterchangeLine } from './gen.ts';
import { addDays } from '../shared/dates.ts';

const PROGRAMS = { 低保: 5, 特困供养: 1, 危房改造: 1, 惠农补贴: 4, 耕地地力保护补贴: 3, 残疾人两项补贴: 1, 临时救助: 1 };
const AMOUNTS: Record<string, number> = {
  低保: 3600,
  特困供养: 7200,
  危房改造: 20000,
  惠农补贴: 1200,
  耕地地力保护补贴: 960,
  残疾人两项补贴: 1800,
  临时救助: 1500,
};
const PROJECTS = ['{v}村内道路硬化工程', '{v}文化广场建设', '{v}排水沟渠清淤改造', '{v}饮水管网维修'];
const min = (a: string, b: string) => (a < b ? a : b);

function relatives(g: Gen): InterchangeLine[] {
  return g.out.filter((l) => l.ledger === 'relative' && typeof l.fields.idNumber === 'string');
}

export function collisionRecords(g: Gen): void {
  const t = g.town;
  for (const v of t.villages) {
    for (let i = 0; i < g.n(6); i++) {
      const male = g.chance(0.5);
      const birth = g.birth(1940, 1995);
      const program = g.weighted(PROGRAMS);
      g.push('beneficiary', v.code, {
        name: g.name(male, Number(birth.slice(0, 4))),
        idNumber: g.idNumber(birth, male),
        program,
        village: v.code,
        amount: AMOUNTS[program],
        approvedOn: g.any(),
        handler: g.pick(g.staff).name,
        batch: `${g.year}年${program}对象名单`,
      });
    }
  }
  const projects: { village: string; code: string; title: string; on: string }[] = [];
  for (let i = 0; i < g.n(3); i++) {
    const v = g.village();
    const on = i === 0 ? g.dayAt(g.int(12, 13)) : g.any(); // one current project
    const title = g.fill(g.pick(PROJECTS), v.name);
    projects.push({ village: v.name, code: v.code, title, on });
    const boss = g.person('承包方负责人', v.code, 1965, 1990);
    g.push('projectParty', v.code, {
      project: title,
      role: '承包方',
      name: boss.name,
      idNumber: g.idNumber(boss.birth, boss.male),
      company: `${g.pick(['清河', '江北', '宏达', '顺通'])}建筑工程有限公司`,
      village: v.code,
      amount: g.int(5, 40) * 10_000,
      contractedOn: on,
    });
    for (let k = 0; k < g.int(2, 4); k++) {
      const w = g.person('务工人员', v.code, 1960, 1995);
      g.push('projectParty', v.code, {
        project: title,
        role: '务工人员',
        name: w.name,
        idNumber: g.idNumber(w.birth, w.male),
        village: v.code,
        amount: g.int(30, 90) * 100,
        contractedOn: g.upTo(addDays(on, g.int(0, 10))),
      });
    }
  }
  // Relatives behind the 亲属涉权事项 already declared: they appear on the lists they benefit from.
  const rels = relatives(g);
  const relOf = (cadre: string, name: string) => rels.find((r) => r.fields.cadre === cadre && r.fields.name === name);
  const listed = new Set<string>();
  for (const m of g.out.filter((l) => l.ledger === 'powerMatter')) {
    const type = String(m.fields.matterType);
    if (!['低保', '特困供养', '危房改造', '惠农补贴'].includes(type)) continue;
    const rel = relOf(String(m.fields.cadre), String(m.fields.beneficiary));
    if (!rel || listed.has(`${String(rel.fields.idNumber)}|${type}`)) continue;
    listed.add(`${String(rel.fields.idNumber)}|${type}`);
    g.push('beneficiary', m.org, {
      name: rel.fields.name,
      idNumber: rel.fields.idNumber,
      program: type,
      village: m.org,
      amount: AMOUNTS[type],
      approvedOn: m.fields.occurredOn,
      handler: g.pick(g.staff).name,
    });
  }
  // Undeclared: a village cadre's relative on the 低保 list (ID match), and one working on a project (name only).
  const villageRels = rels.filter((r) => t.villages.some((v) => g.villageCadres.get(v.code)?.some((c) => c.name === r.fields.cadre)));
  const declared = new Set(g.out.filter((l) => l.ledger === 'powerMatter').map((l) => String(l.fields.beneficiary)));
  const free = villageRels.filter((r) => !declared.has(String(r.fields.name)));
  if (free.length >= 2) {
    const a = free[Math.floor(free.length / 3)];
    const v = t.villages.find((x) => g.villageCadres.get(x.code)?.some((c) => c.name === a.fields.cadre))!;
    const approvedOn = min(g.end, g.dayAt(12, 10, 28));
    g.push('beneficiary', v.code, {
      name: a.fields.name,
      idNumber: a.fields.idNumber,
      program: '低保',
      village: v.code,
      amount: AMOUNTS['低保'],
      approvedOn,
      handler: g.pick(g.staff).name,
      batch: `${g.quarterName(approvedOn)}低保对象名单`,
    });
    const b = free[Math.floor((free.length * 2) / 3)];
    const p = projects[0];
    if (p && b !== a)
      g.push('projectParty', p.code, {
        project: p.title,
        role: '务工人员',
        name: b.fields.name,
        village: p.code,
        amount: g.int(30, 90) * 100,
        contractedOn: g.upTo(addDays(p.on, g.int(1, 5))),
        note: '临时用工，未登记身份证号',
      });
  }
}
