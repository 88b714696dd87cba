/**
 * A small, extensible calendar of dated events that reports mention. `from`..`to`
 * is when the event took place (or a campaign ran). A mention in a report whose
 * period ends before `from` is an anachronism; with `stale: true`, a mention in a
 * report of a later year (after `to`) that reads as this year's work is suspect.
 * Recurring events (全国“两会”) are listed for the record and never reported.
 */
export interface DatedEvent {
  id: string;
  /** How the reviewer names it in a message. */
  label: string;
  /** Regular expression sources matched against each line. */
  patterns: string[];
  from: string;
  to: string;
  /** When it became known (a games is awarded years ahead); before this a mention is an anachronism. Default: `from`. */
  announced?: string;
  stale?: boolean;
  recurring?: boolean;
}

export const EVENTS: readonly DatedEvent[] = [
  { id: 'beijing-winter-olympics', label: '北京冬奥会', patterns: ['北京(?:2022年)?冬(?:残)?奥会', '(?<!北京)冬(?:残)?奥会'], from: '2022-02-04', to: '2022-03-13', announced: '2015-07-31', stale: true },
  { id: 'hangzhou-asian-games', label: '杭州亚运会', patterns: ['杭州亚(?:残)?运会', '(?<!杭州)亚运会'], from: '2023-09-23', to: '2023-10-28', announced: '2015-09-16', stale: true },
  { id: 'chengdu-universiade', label: '成都大运会', patterns: ['成都大运会'], from: '2023-07-28', to: '2023-08-08', announced: '2019-03-04', stale: true },
  { id: 'party-centenary', label: '建党100周年', patterns: ['建党(?:100|一百)周年', '建党百年', '中国共产党成立(?:100|一百)周年'], from: '2021-07-01', to: '2021-07-01', announced: '1921-07-01', stale: true },
  { id: 'prc-70', label: '新中国成立70周年', patterns: ['新中国成立(?:70|七十)周年', '建国(?:70|七十)周年'], from: '2019-10-01', to: '2019-10-01', announced: '1949-10-01', stale: true },
  { id: 'prc-75', label: '新中国成立75周年', patterns: ['新中国成立(?:75|七十五)周年'], from: '2024-10-01', to: '2024-10-01', announced: '1949-10-01', stale: true },
  { id: 'party-history-study', label: '党史学习教育', patterns: ['党史学习教育'], from: '2021-02-20', to: '2021-12-31' },
  { id: 'bwcx-theme-education', label: '“不忘初心、牢记使命”主题教育', patterns: ['不忘初心、牢记使命[”"]?主题教育'], from: '2019-05-31', to: '2020-01-08' },
  { id: 'xi-thought-theme-education', label: '学习贯彻习近平新时代中国特色社会主义思想主题教育', patterns: ['学习贯彻习近平新时代中国特色社会主义思想主题教育'], from: '2023-04-03', to: '2024-01-31' },
  { id: 'party-discipline-education', label: '党纪学习教育', patterns: ['党纪学习教育'], from: '2024-04-01', to: '2024-07-31' },
  { id: 'eight-rules-education', label: '深入贯彻中央八项规定精神学习教育', patterns: ['中央八项规定精神学习教育'], from: '2025-03-01', to: '2025-07-31' },
  { id: 'xi-rule-of-law-thought', label: '习近平法治思想', patterns: ['习近平法治思想'], from: '2020-11-16', to: '2020-11-17' },
  { id: 'two-establishes', label: '“两个确立”', patterns: ['[“"]两个确立[”"]'], from: '2021-11-11', to: '2021-11-11' },
  { id: 'new-quality-productivity', label: '新质生产力', patterns: ['新质生产力'], from: '2023-09-07', to: '2023-09-07' },
  { id: 'covid-control', label: '新冠肺炎疫情防控', patterns: ['新冠(?:肺炎)?疫情防控', '常态化疫情防控', '疫情防控常态化'], from: '2020-01-20', to: '2023-01-07', stale: true },
  { id: 'two-sessions', label: '全国“两会”', patterns: ['全国[“"]?两会[”"]?'], from: '1954-09-15', to: '2100-12-31', recurring: true },
];
