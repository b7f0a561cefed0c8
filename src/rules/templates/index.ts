/**
 * Checking Go text/template strings in Prometheus alerting rules' labels and annotations, as Prometheus
 * loads and renders them.
 */
export { checkTemplate } from './check-template';
export { labelsReferenced } from './labels-referenced';
export { parseTemplate, ALERT_TEMPLATE_VARIABLES, type ParsedTemplate, type ParseTemplateOptions } from './parser';
export { analyzeTemplate, type AnalyzeTemplateOptions, type LabelReference, type TemplateAnalysis } from './analyze-template';
export { lexTemplate, type Token, type TokenKind } from './lexer';
export {
  TEMPLATE_FUNCTIONS,
  findTemplateFunction,
  templateFunctionsFor,
  arityOf,
  type TemplateFunction,
  type ParamKind,
} from './functions';
export {
  isLoadError,
  LOAD_ERROR_CODES,
  type TemplateCheckOptions,
  type TemplateDiagnostic,
  type TemplateDiagnosticCode,
  type TemplatePlace,
} from './types';
export type { SourcePosition } from './source-position';
export type * from './ast';
