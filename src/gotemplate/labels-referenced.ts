/**
 * Which labels of the alert a template reads by name.
 */
import { analyzeTemplate, type LabelReference } from './analyze-template';
import { parseTemplate } from './parser';
import { DEFAULT_PROMETHEUS_VERSION } from '../promql/version';

/**
 * The alert labels `text` reads by name, in source order: `$labels.<name>` (also through a variable set
 * from `$labels`), `.Labels.<name>` and `$.Labels.<name>` where dot is the alert data (including inside
 * `{{define}}`s called with it), and `index $labels "<name>"`. A template with a syntax error yields the
 * references before the error. Iterating all labels (`range $labels`) names none.
 *
 * @example
 * labelsReferenced('{{ $labels.instance }} of {{ .Labels.job }}')
 * // [{ name: 'instance', line: 1, column: 4 }, { name: 'job', line: 1, column: 30 }]
 */
export function labelsReferenced(
  text: string,
  options: { readonly prometheusVersion?: string } = {},
): LabelReference[] {
  const prometheusVersion = options.prometheusVersion ?? DEFAULT_PROMETHEUS_VERSION;
  return analyzeTemplate(parseTemplate(text, { prometheusVersion }), { where: 'annotation', prometheusVersion }).labels;
}
