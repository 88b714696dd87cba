/**
 * Deterministic demo records for every built-in ledger, as a township would have filed them, in
 * the catalog's JSON Lines interchange shape, over five quarters (fifteen months):
 * - `year`: the seed report's scenario, Q4 of `year - 1` and the whole of `year`, seen from its
 *   last day (`year: 2023` reproduces the seed report of 2023 Q4);
 * - `today`: the living demo, the five quarters ending with the quarter of `today`, with nothing
 *   dated after `today` except deadlines. The same schedule as the year's, laid over the window
 *   (month k of the window is month k of the year's window); what would lie after `today` has
 *   not happened yet, and one record of each dated ledger falls in the current quarter.
 * Seeded PRNG only (no Math.random, no clock), so the same options give the same lines.
 */
import * as N from './names.ts';
import { builtinLedgers } from '../catalog/index.ts';
import { disciplineRecords } from './generate-discipline.ts';
import { organizationRecords } from './generate-organization.ts';
import { publicityLegalRecords } from './generate-legal.ts';
import { collisionRecords } from './generate-collisions.ts';
import { demoCalendar } from './calendar.ts';
import { Gen, type DemoOptions, type InterchangeLine } from './gen.ts';

export type { DemoOrgRef, DemoTown, InterchangeLine, DemoOptions } from './gen.ts';

/** Town leaders, town staff and each village's cadres: the people the ledgers talk about. */
function staffTown(g: Gen): void {
  const t = g.town;
  for (const l of N.TOWN_LEADERS) g.leaders.push(g.person(l.post, t.code, 1966, 1990, l.line));
  for (const post of ['纪检专干', '组织干事', '宣传干事', '综治中心主任', '民政助理', '财政所所长']) g.staff.push(g.person(post, t.code, 1975, 1998));
  for (const v of t.villages) {
    const posts = N.VILLAGE_POSTS.slice(0, g.int(3, N.VILLAGE_POSTS.length));
    g.villageCadres.set(
      v.code,
      posts.map((p) => g.person(p, v.code, 1960, 1992)),
    );
  }
}

const ORDER = new Map(builtinLedgers.map((l, i) => [l.key, i]));

/** Demo records of every built-in ledger for each town, town by town in catalog order. */
export function generateDemoRecords(opts: DemoOptions): InterchangeLine[] {
  const out: InterchangeLine[] = [];
  const cal = demoCalendar(opts);
  opts.towns.forEach((town, i) => {
    const g = new Gen(town, cal, ((opts.seed ?? 20231231) + Math.imul(i + 1, 0x9e3779b1)) >>> 0, opts.scale ?? 1);
    staffTown(g);
    disciplineRecords(g);
    organizationRecords(g);
    publicityLegalRecords(g);
    collisionRecords(g);
    out.push(...g.out.sort((a, b) => ORDER.get(a.ledger)! - ORDER.get(b.ledger)!));
  });
  return out;
}
