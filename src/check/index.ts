/** The report checker (核查): lint a report's text for what a reviewer would return it for. */
export { checkText, checkWith, hasErrors } from './engine.ts';
export { readReport, decodeText, markdownToText, paragraphsOfDocumentXml, ReportReadError } from './read.ts';
export { subjectFromOrg, SubjectError } from './subject.ts';
export { rules, ruleIds } from './rules/index.ts';
export { recommended, strict, presets } from './presets.ts';
export { resolveConfig, RuleConfigError } from './config.ts';
export { parsePeriod, periodFromTitle, townFromTitle, resolveSubject } from './infer.ts';
export { parseDocument } from './document.ts';
export { getGazetteer, gazetteerLoaded } from './gazetteer.ts';
export { defineCheckRule } from './define.ts';
export { MESSAGES, RULE_TITLES, SEVERITY_LABELS, formatMessage } from './messages.ts';
export type { CheckFinding, Severity, Subject, Period, CheckOptions, RuleConfig, RuleSetting, Rule, RuleMeta, RuleContext } from './types.ts';
