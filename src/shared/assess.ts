/**
 * The assessment's (考核) fixed vocabularies — lines, comparators, scorings, veto modes — with
 * their labels, shared by the server (src/assess/) and the web's county pages.
 */

/** The four county departments that assess towns (县纪委、县委组织部、县委宣传部、县委政法委). */
export const ASSESS_LINES = ['discipline', 'organization', 'publicity', 'legal'] as const;
export type AssessLine = (typeof ASSESS_LINES)[number];

export const COMPARATORS = ['>=', '<=', '=', '>', '<'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const COMPARATOR_LABELS: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

/** binary: full weight when met, else 0. linear: weight × min(1, value/target) (≥, >) or × target/value (≤, <). */
export const SCORINGS = ['binary', 'linear'] as const;
export type Scoring = (typeof SCORINGS)[number];
export const SCORING_LABELS: Record<Scoring, string> = { binary: '达标得满分', linear: '按完成比例得分' };

/** What a failed veto (一票否决) indicator does to a town: total set to 0, or total kept and the town flagged. */
export const VETO_MODES = ['flag', 'zero'] as const;
export type VetoMode = (typeof VETO_MODES)[number];
export const VETO_MODE_LABELS: Record<VetoMode, string> = { flag: '标记否决，保留得分，排名列后', zero: '总分记为 0' };
