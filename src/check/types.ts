/**
 * Types of the report checker: findings, the report's subject and period, rule
 * declarations and the county-level configuration.
 */
import type { MessageKey } from './messages.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface CheckFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** A short piece of the line around the problem. */
  excerpt: string;
  /** 1-based line (paragraph) as a person sees it; blank lines count. */
  line: number;
  /** 1-based column (in characters) where the problem starts. */
  column?: number;
  /** The rule's message id (for tests and tools; not part of the CLI's JSON). */
  messageId?: string;
  /** The metric a number was tied to (ledger-number), so a reader can open the records behind it. */
  metric?: string;
  /** A mechanical correction: replace `length` UTF-16 units at `index` of the line with `text`. */
  fix?: Fix;
}

/** A mechanical fix inside one line (paragraph): offsets are UTF-16 units of the raw line. */
export interface Fix {
  index: number;
  length: number;
  text: string;
}

/**
 * What the ledgers say for the report's town and period, when the caller knows them
 * (`luoshi check --org --period`, the 报告核查 page): metric id → value (a ratio as a fraction).
 */
export interface CheckData {
  metrics: Record<string, number | null>;
}

/** Who the report is about: the names that are "ours" and the current congress. */
export interface Subject {
  town?: string;
  county?: string;
  city?: string;
  province?: string;
  villages?: string[];
  shortNames?: string[];
  publicAccount?: string;
  /** Current party congress in Chinese numerals, e.g. '二十'. */
  congress?: string;
}

/** A report period: a quarter of a year. */
export interface Period {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** Last day of the quarter, 'YYYY-MM-DD'. */
  end: string;
  /** First day of the year, 'YYYY-01-01'. */
  yearStart: string;
}

export type RuleOptions = Record<string, unknown>;

export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; options?: RuleOptions };

/** A county's (or a preset's) configuration: rule id → setting. */
export interface RuleConfig {
  rules?: Record<string, RuleSetting>;
}

export interface CheckOptions {
  subject?: Subject;
  /** '2023Q4' */
  period?: string;
  config?: RuleConfig;
  data?: CheckData;
}

/** Paragraph heading levels: 一、 / （一） / 1. / （1）. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export interface DocLine {
  /** 1-based line number. */
  no: number;
  /** The line as written (without the line break). */
  raw: string;
  /** Leading/trailing white space removed. */
  text: string;
  /** Offset of `text` inside `raw`. */
  indent: number;
  /** True for the report's title line. */
  title: boolean;
  heading?: { level: HeadingLevel; n: number; marker: string };
}

export interface ReportInput {
  severity?: Severity;
  line: number;
  /** 0-based offset inside the raw line. */
  index?: number;
  /** Length of the offending text (for the excerpt). */
  length?: number;
  messageId: string;
  data?: Record<string, string | number>;
  metric?: string;
  /** A mechanical correction, when there is exactly one right answer. */
  fix?: Fix;
}

export interface RuleContext<O extends RuleOptions = RuleOptions> {
  readonly lines: readonly DocLine[];
  readonly text: string;
  readonly subject: Subject;
  /** The subject inferred from the title when not given (town may be unknown). */
  readonly period?: Period;
  readonly options: O;
  /** The ledgers' values, when known (see CheckData). */
  readonly data?: CheckData;
  report(r: ReportInput): void;
}

export interface RuleMeta<O extends RuleOptions = RuleOptions> {
  id: string;
  type: 'problem' | 'suggestion' | 'style';
  /** Default severity of the rule's findings. */
  severity: Severity;
  docs: { description: string; recommended: boolean };
  /** messageId → key in the message catalogue (messages.ts). */
  messages: Record<string, MessageKey>;
  /**
   * Caps for particular messages that are less certain than the rule as a whole
   * (e.g. an info for a quoted "X＋N"); the effective severity is the lower of
   * the rule's and the cap.
   */
  messageSeverity?: Record<string, Severity>;
  defaultOptions: O;
}

export interface Rule<O extends RuleOptions = RuleOptions> {
  meta: RuleMeta<O>;
  check(ctx: RuleContext<O>): void;
}
