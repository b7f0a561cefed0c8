/**
 * `alerts/template`: the Go templates of alerting rules' labels and annotations — what Prometheus refuses to
 * load (syntax, unknown functions, undeclared variables), what fails when the alert renders (arity, types),
 * `$value` in labels, and `$labels.<name>` for labels the expression's result cannot have.
 */
import {
  analyzeTemplate,
  isTemplateLoadError as isLoadError,
  parseTemplate,
  type LabelReference,
  type TemplateDiagnostic,
  type TemplatePlace,
} from '../gotemplate';
import { canHaveLabel, outputLabels, type LabelSet } from '../promql/facts';
import { atEntry, emit, templateOffset, type AnalyzedRule, type CheckContext } from './context';

export interface TemplateFacts {
  readonly diagnostics: readonly TemplateDiagnostic[];
  readonly labels: readonly LabelReference[];
}

const cache = new Map<string, TemplateFacts>();
const CACHE_LIMIT = 20_000;

/**
 * The common templates — text whose actions print `$labels.<name>` / `.Labels.<name>` (optionally through
 * toUpper, toLower, title) or `$value` / `.Value` (optionally through one humanize function) — are valid in
 * every Prometheus release and need no parser: their facts are read off a regular expression (a test
 * compares them with the parser's). Anything else, and `$value` in a label, goes through the parser.
 */
const LABEL_OPERAND = '(?:\\$labels|\\.Labels)\\.[A-Za-z_][A-Za-z0-9_]*(?: *\\| *(?:toUpper|toLower|title))*';
const VALUE_OPERAND =
  '(?:\\$value|\\.Value)(?: *\\| *(?:humanize|humanize1024|humanizePercentage|humanizeDuration|humanizeTimestamp))?';
const SIMPLE_ACTION = `\\{\\{(?:- )? *(?:${LABEL_OPERAND}|${VALUE_OPERAND}) *(?: -)?\\}\\}`;
const SIMPLE_TEMPLATE = new RegExp(`^(?:[^{]|\\{(?!\\{)|${SIMPLE_ACTION})*$`);
const ACTIONS = new RegExp(SIMPLE_ACTION, 'g');
const LABEL_READ = /(?:\$labels|\.Labels)\.([A-Za-z_][A-Za-z0-9_]*)/;

export function simpleTemplateFacts(text: string, where: TemplatePlace): TemplateFacts | undefined {
  if (text.length > 10_000 || !SIMPLE_TEMPLATE.test(text)) return undefined;
  if (where === 'label' && /\$value|\.Value/.test(text)) return undefined;
  const labels: LabelReference[] = [];
  for (const action of text.matchAll(ACTIONS)) {
    const m = LABEL_READ.exec(action[0]);
    if (!m) continue;
    const before = text.slice(0, (action.index ?? 0) + m.index);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    labels.push({ name: m[1], line, column });
  }
  return { diagnostics: [], labels };
}

/** Parses and analyses a template once per (version, place, text). */
export function templateFacts(text: string, where: TemplatePlace, prometheusVersion: string): TemplateFacts {
  const key = `${prometheusVersion}|${where}|${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const simple = simpleTemplateFacts(text, where);
  if (simple) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, simple);
    return simple;
  }
  const parsed = parseTemplate(text, { prometheusVersion });
  const analysis = analyzeTemplate(parsed, { where, prometheusVersion });
  const facts = {
    diagnostics: [...parsed.diagnostics, ...analysis.diagnostics].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    ),
    labels: analysis.labels,
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, facts);
  return facts;
}

/** Checks every label and annotation template of an alerting rule. */
export function checkTemplates(ctx: CheckContext, analyzed: AnalyzedRule): void {
  const { rule, ast } = analyzed;
  if (rule.kind !== 'alert') return;
  let produced: LabelSet | undefined;
  const places: Array<[TemplatePlace, Readonly<Record<string, string>>]> = [
    ['label', rule.labels],
    ['annotation', rule.annotations],
  ];
  for (const [where, map] of places) {
    for (const [key, text] of Object.entries(map)) {
      if (!text.includes('{{')) continue;
      const facts = templateFacts(text, where, ctx.config.prometheusVersion);
      for (const d of facts.diagnostics) {
        const fatal = isLoadError(d);
        emit(
          ctx,
          'alerts/template',
          atEntry(where, key, templateOffset(text, d.line, d.column)),
          `${where} "${key}": ${d.message}`,
          {
            fatal,
            severity: d.severity,
            fix:
              d.code === 'value-in-label'
                ? 'move $value to an annotation: in a label every new value starts a new alert'
                : 'fix the Go template',
          },
        );
      }
      if (!ast || facts.labels.length === 0) continue;
      produced ??= outputLabels(ast, rule.expr);
      const reported = new Set<string>();
      for (const ref of facts.labels) {
        if (canHaveLabel(produced, ref.name) || reported.has(ref.name)) continue;
        reported.add(ref.name);
        const why = produced.why ? `: ${produced.why}` : '';
        emit(
          ctx,
          'alerts/template',
          atEntry(where, key, templateOffset(text, ref.line, ref.column)),
          `${where} "${key}" reads $labels.${ref.name}, which the expression's result never has${why}`,
          {
            severity: 'warning',
            fix: `keep "${ref.name}" in the expression (e.g. sum by (${ref.name}, ...)) or stop reading it`,
          },
        );
      }
    }
  }
}
