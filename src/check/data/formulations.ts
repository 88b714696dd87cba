/**
 * Standard formulations (规范表述) of party documents, as data: the exact form, wrong
 * forms seen in town reports, and legitimate phrases one character away that must not
 * be taken for a slip. Sources and the reasoning behind each group: docs/check-rules/formulation.md.
 * A county adds its own entries in the settings (核查 → 规范表述); they have the same shape.
 */

export interface Formulation {
  /** The exact form. */
  text: string;
  /** Wrong forms seen in reports (each is reported wherever it occurs). */
  wrong?: string[];
  /** Ordinary phrases one edit away that are not a slip of this formulation. */
  near?: string[];
  /**
   * For short formulations (under six characters): words that, right before a
   * one-character slip, make it unambiguous ("增强四个意思" → 四个意识). Without a cue
   * a short slip is only reported inside quotes (“四个意思”).
   */
  cue?: string;
}

/** A fixed list whose order is part of the formulation ("政治意识、大局意识、核心意识、看齐意识"). */
export interface OrderedList {
  name: string;
  items: string[];
  /** Least number of items of the list in one run before the order is checked (default 3). */
  minItems?: number;
}

export const FORMULATIONS: Formulation[] = [
  // 指导思想
  {
    text: '习近平新时代中国特色社会主义思想',
    wrong: ['习近平新时期中国特色社会主义思想', '习近平新时代特色社会主义思想', '习近平中国特色社会主义思想', '习近平新时代中国特色社会主意思想'],
  },
  { text: '新时代中国特色社会主义思想' },
  { text: '中国特色社会主义', near: ['中国特色社会主意'] },
  { text: '习近平法治思想', wrong: ['习近平法制思想'] },
  { text: '习近平生态文明思想' },
  { text: '习近平经济思想' },
  { text: '习近平文化思想' },
  { text: '习近平强军思想' },
  { text: '习近平外交思想' },
  // 政治要求
  { text: '两个确立', wrong: ['两个确定'], cue: '捍卫|深刻领悟|拥护' },
  { text: '两个维护', wrong: ['两个拥护'], cue: '做到|践行|坚决' },
  { text: '四个意识', wrong: ['四种意识'], cue: '增强|树牢|牢固树立|强化' },
  { text: '四个自信', wrong: ['四种自信'], cue: '坚定|增强' },
  { text: '不忘初心、牢记使命', wrong: ['不忘初心、牢记宗旨'] },
  { text: '以人民为中心的发展思想' },
  { text: '全过程人民民主' },
  { text: '总体国家安全观' },
  { text: '社会主义核心价值观', near: ['社会主义核心价值体'] },
  { text: '中国式现代化' },
  { text: '伟大建党精神' },
  // 全面从严治党
  { text: '全面从严治党', wrong: ['全面从严治理党'], near: ['全面从严管党', '全面从严治军', '全面从严治警', '全面从严治校', '全面从严治院'] },
  { text: '落实主体责任', wrong: ['落实主任责任', '落实主题责任'], near: ['落实主要责任', '落实主管责任', '落实主办责任'] },
  { text: '全面从严治党主体责任', wrong: ['全面从严治党主题责任'] },
  { text: '管党治党政治责任' },
  { text: '中央八项规定精神', wrong: ['中央八条规定精神', '中央八项规则精神', '中央八项规定精准'] },
  { text: '中央八项规定及其实施细则精神', wrong: ['中央八项规定及实施细则精神'] },
  { text: '四种形态', wrong: ['四类形态', '四种型态', '四种行态'], cue: '运用|践行|监督执纪' },
  { text: '第一种形态', wrong: ['第一种型态', '第一类形态'] },
  { text: '第二种形态' },
  { text: '第三种形态' },
  { text: '第四种形态' },
  { text: '一岗双责', wrong: ['一岗两责'] },
  { text: '三个区分开来', wrong: ['三个区别开来'] },
  { text: '不敢腐、不能腐、不想腐' },
  { text: '党风廉政建设和反腐败斗争', wrong: ['党风廉政建设和反腐败斗正'] },
  { text: '新形势下党内政治生活若干准则' },
  { text: '意识形态工作责任制', wrong: ['意识型态工作责任制'] },
  { text: '意识形态', wrong: ['意识型态'] },
  // 党的建设
  { text: '新时代党的建设总要求' },
  { text: '民主集中制', wrong: ['民主集中制度'], cue: '坚持|执行|贯彻|落实' },
  { text: '三会一课', wrong: ['三会一讲', '三课一会'], cue: '落实|开展|执行' },
  { text: '两学一做', wrong: ['两学一作'] },
  { text: '主题党日' },
  { text: '第一议题' },
  { text: '四议两公开', wrong: ['四议二公开'] },
  { text: '三重一大' },
  { text: '基层党组织', near: ['基层组织'] },
  { text: '党支部标准化规范化建设' },
  { text: '五位一体', cue: '统筹推进' },
  { text: '四个全面', cue: '协调推进' },
  { text: '四不两直', wrong: ['四不二直'] },
  { text: '四下基层' },
];

export const ORDERED_LISTS: OrderedList[] = [
  { name: '四个意识', items: ['政治意识', '大局意识', '核心意识', '看齐意识'] },
  { name: '四个自信', items: ['道路自信', '理论自信', '制度自信', '文化自信'] },
  { name: '党的五项建设（政治、思想、组织、作风、纪律建设，制度建设贯穿其中）', items: ['政治建设', '思想建设', '组织建设', '作风建设', '纪律建设'] },
  { name: '“五位一体”总体布局', items: ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设'] },
  { name: '“四个全面”战略布局', items: ['全面建设社会主义现代化国家', '全面深化改革', '全面依法治国', '全面从严治党'] },
  { name: '一体推进不敢腐、不能腐、不想腐', items: ['不敢腐', '不能腐', '不想腐'] },
  { name: '乡村五个振兴', items: ['产业振兴', '人才振兴', '文化振兴', '生态振兴', '组织振兴'], minItems: 4 },
  { name: '“三会一课”', items: ['支部党员大会', '支部委员会', '党小组会', '党课'] },
];

/** Nouns of coined terms ("五项机制") that a report must not rename halfway ("五项制度"). */
export const TERM_NOUN_GROUPS: string[][] = [
  ['机制', '制度', '办法', '措施', '举措', '规定'],
  ['清单', '台账', '名单'],
  ['工程', '行动', '活动'],
];
