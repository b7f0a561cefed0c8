/**
 * templates/: Go text/template strings in Prometheus alerting rules' labels and annotations, checked as
 * Prometheus loads them (`promtool check rules`) and renders them.
 *
 * - {@link checkTemplate}: all findings for one template (load errors, execution errors, warnings).
 * - {@link labelsReferenced}: which `$labels.<name>` a template reads.
 * - {@link parseTemplate} / {@link lexTemplate}: the tree (node types under `TemplateAst`) and tokens.
 * - {@link analyzeTemplate}: the execution-time walk behind the last two kinds of finding.
 * - {@link TEMPLATE_FUNCTIONS}: Go's and Prometheus's template functions, by release.
 */
export { checkTemplate } from './check-template';
export { labelsReferenced } from './labels-referenced';
export {
  parseTemplate,
  ALERT_TEMPLATE_VARIABLES,
  MAX_NESTING,
  type ParsedTemplate,
  type ParseTemplateOptions,
} from './parser';
export {
  analyzeTemplate,
  type AnalyzeTemplateOptions,
  type LabelReference,
  type TemplateAnalysis,
} from './analyze-template';
export { lexTemplate, type Token as TemplateToken, type TokenKind as TemplateTokenKind } from './lexer';
export {
  TEMPLATE_FUNCTIONS,
  findTemplateFunction,
  templateFunctionsFor,
  templateFunctionArity,
  type TemplateFunction,
  type TemplateParamKind,
} from './functions';
export {
  isTemplateLoadError,
  TEMPLATE_LOAD_ERROR_CODES,
  type TemplateCheckOptions,
  type TemplateDiagnostic,
  type TemplateDiagnosticCode,
  type TemplatePlace,
} from './types';
export type { SourcePosition as TemplateSourcePosition } from './source-position';
export type * as TemplateAst from './ast';
