/**
 * What the lint checks need to know about a PromQL expression beyond whether it is valid: which labels its
 * result can carry, which label values are certain, whether it filters at all, and its selectors. All are
 * small walks over the syntax tree `analyzePromQL` returns, following how Prometheus's engine builds each
 * result's labels (promql/engine.go: aggregations keep their grouping labels, one-to-one matching with
 * `on(...)` keeps only those labels, `label_replace` adds one, `absent()` takes its selector's equality
 * matchers).
 */
import type { Aggregate, Binary, Call, Expr, LabelMatcher, VectorSelector } from '../promql/ast';
import { walk } from '../promql/ast';
import { FUNCTIONS } from '../promql/functions';

/**
 * The labels a result can carry: exactly `labels` (after an aggregation `by`), or any labels but `absent`
 * (a selector's result, minus what `without` or `ignoring` removed).
 */
export type LabelSet =
  | { readonly exact: true; readonly labels: ReadonlySet<string>; readonly why: string }
  | { readonly exact: false; readonly absent: ReadonlySet<string>; readonly why: string };

const ANY: LabelSet = { exact: false, absent: new Set(), why: '' };
const none = (why: string): LabelSet => ({ exact: true, labels: new Set(), why });

/** Aggregations whose result keeps each input series' labels. */
const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

const src = (text: string, e: { from: number; to: number }): string => text.slice(e.from, e.to);

/** The labels the result of `e` can carry. `text` is the expression, for explanations. */
export function outputLabels(e: Expr, text: string): LabelSet {
  switch (e.kind) {
    case 'number':
    case 'string':
      return none('a number has no labels');
    case 'vector':
    case 'matrix':
      return ANY;
    case 'paren':
    case 'unary':
      return outputLabels(e.expr, text);
    case 'subquery':
      return outputLabels(e.expr, text);
    case 'call':
      return callLabels(e, text);
    case 'aggregate':
      return aggregateLabels(e, text);
    case 'binary':
      return binaryLabels(e, text);
  }
}

function callLabels(e: Call, text: string): LabelSet {
  const f = e.func;
  if (f === 'absent' || f === 'absent_over_time') {
    const sel = selectorOf(e.args[0]);
    const labels = new Set(sel ? equalityMatchers(sel).map((m) => m.name) : []);
    return { exact: true, labels, why: `${f}() returns only the labels of its selector's "=" matchers` };
  }
  const fn = FUNCTIONS.get(f);
  if (!fn || fn.returnType === 'scalar') return none(`${f}() returns a number without labels`);
  if (f === 'vector') return none('vector() returns a series without labels');
  const vecIndex = fn.argTypes.findIndex((t) => t === 'instant vector' || t === 'range vector');
  const arg = vecIndex >= 0 ? e.args[vecIndex] : undefined;
  if (!arg) return none(`${f}() returns a series without labels`);
  let inner = outputLabels(arg, text);
  if (f === 'label_replace' || f === 'label_join') {
    const dst = e.args[1];
    if (dst && dst.kind === 'string') inner = addLabels(inner, [dst.value]);
  } else if (f === 'histogram_quantile') {
    inner = removeLabels(inner, ['le'], inner.why);
  } else if (f === 'info') {
    inner = ANY;
  }
  return inner;
}

function aggregateLabels(e: Aggregate, text: string): LabelSet {
  const inner = e.expr ? outputLabels(e.expr, text) : ANY;
  if (SELECTING_AGGREGATIONS.has(e.op)) return inner;
  const extra = e.op === 'count_values' && e.param?.kind === 'string' ? [e.param.value] : [];
  const written = src(text, e).replace(/\s+/g, ' ');
  const short = written.length > 60 ? `${written.slice(0, 57)}...` : written;
  if (e.without) return addLabels(removeLabels(inner, e.grouping, `"${short}" removes ${e.grouping.join(', ')}`), extra);
  const keep = [...e.grouping, ...extra];
  const labels = new Set(inner.exact ? keep.filter((l) => inner.labels.has(l) || extra.includes(l)) : keep.filter((l) => !inner.absent.has(l) || extra.includes(l)));
  return {
    exact: true,
    labels,
    why: keep.length === 0 ? `"${short}" aggregates every label away` : `"${short}" keeps only ${[...labels].join(', ') || 'no labels'}`,
  };
}

function binaryLabels(e: Binary, text: string): LabelSet {
  const lt = isScalarExpr(e.lhs);
  const rt = isScalarExpr(e.rhs);
  if (lt && rt) return none('a number has no labels');
  if (lt) return outputLabels(e.rhs, text);
  if (rt) return outputLabels(e.lhs, text);
  const lhs = outputLabels(e.lhs, text);
  const rhs = outputLabels(e.rhs, text);
  const m = e.matching!;
  if (e.op === 'and' || e.op === 'unless') return lhs;
  if (e.op === 'or') return union(lhs, rhs);
  if (m.card === 'one-to-one') {
    if (m.on) return keepOnly(lhs, m.labels, `on(${m.labels.join(', ')}) keeps only ${m.labels.join(', ') || 'no labels'}`);
    return m.labels.length > 0 ? removeLabels(lhs, m.labels, `ignoring(${m.labels.join(', ')}) removes them`) : lhs;
  }
  const many = m.card === 'many-to-one' ? lhs : rhs;
  return addLabels(many, m.include);
}

/** Whether an expression is a scalar (no labels, matches every series). */
export function isScalarExpr(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
      return true;
    case 'paren':
    case 'unary':
      return isScalarExpr(e.expr);
    case 'call':
      return FUNCTIONS.get(e.func)?.returnType === 'scalar';
    case 'binary':
      return isScalarExpr(e.lhs) && isScalarExpr(e.rhs);
    default:
      return false;
  }
}

function addLabels(s: LabelSet, labels: readonly string[]): LabelSet {
  if (labels.length === 0) return s;
  if (s.exact) return { exact: true, labels: new Set([...s.labels, ...labels]), why: s.why };
  return { exact: false, absent: new Set([...s.absent].filter((l) => !labels.includes(l))), why: s.why };
}

function removeLabels(s: LabelSet, labels: readonly string[], why: string): LabelSet {
  if (s.exact) return { exact: true, labels: new Set([...s.labels].filter((l) => !labels.includes(l))), why: s.why || why };
  return { exact: false, absent: new Set([...s.absent, ...labels]), why };
}

function keepOnly(s: LabelSet, labels: readonly string[], why: string): LabelSet {
  const kept = labels.filter((l) => (s.exact ? s.labels.has(l) : !s.absent.has(l)));
  return { exact: true, labels: new Set(kept), why };
}

function union(a: LabelSet, b: LabelSet): LabelSet {
  if (a.exact && b.exact) return { exact: true, labels: new Set([...a.labels, ...b.labels]), why: a.why || b.why };
  if (!a.exact && !b.exact) return { exact: false, absent: new Set([...a.absent].filter((l) => b.absent.has(l))), why: a.why || b.why };
  const open = (a.exact ? b : a) as Extract<LabelSet, { exact: false }>;
  const exact = (a.exact ? a : b) as Extract<LabelSet, { exact: true }>;
  return { exact: false, absent: new Set([...open.absent].filter((l) => !exact.labels.has(l))), why: open.why };
}

/** Whether a result with these labels can have label `name`. */
export function canHaveLabel(s: LabelSet, name: string): boolean {
  return s.exact ? s.labels.has(name) : !s.absent.has(name);
}

/** The selector an argument is (through parentheses and a range), if it is one. */
export function selectorOf(e: Expr | undefined): VectorSelector | undefined {
  if (!e) return undefined;
  if (e.kind === 'vector') return e;
  if (e.kind === 'matrix') return e.selector;
  if (e.kind === 'paren') return selectorOf(e.expr);
  return undefined;
}

/** `label="value"` matchers of a selector, `__name__` excluded. */
export function equalityMatchers(sel: VectorSelector): LabelMatcher[] {
  return sel.matchers.filter((m) => m.op === '=' && m.name !== '__name__');
}

/** The metric name a selector selects: the name before the braces or a `__name__="..."` matcher. */
export function metricName(sel: VectorSelector): string | undefined {
  if (sel.name) return sel.name;
  return sel.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
}

/**
 * Label values every series of the result is sure to have (`job="api"` in a selector, kept through
 * functions and aggregations that keep the label). Two rules whose results disagree on one of these can
 * never produce the same series.
 */
export function fixedLabels(e: Expr): Map<string, string> {
  switch (e.kind) {
    case 'vector':
      return new Map(equalityMatchers(e).map((m) => [m.name, m.value]));
    case 'matrix':
      return fixedLabels(e.selector);
    case 'paren':
    case 'unary':
    case 'subquery':
      return fixedLabels(e.expr);
    case 'call': {
      if (e.func === 'absent' || e.func === 'absent_over_time') {
        const sel = selectorOf(e.args[0]);
        return new Map(sel ? equalityMatchers(sel).map((m) => [m.name, m.value]) : []);
      }
      const fn = FUNCTIONS.get(e.func);
      const i = fn ? fn.argTypes.findIndex((t) => t === 'instant vector' || t === 'range vector') : -1;
      const arg = i >= 0 ? e.args[i] : undefined;
      if (!arg || e.func === 'vector' || fn?.returnType === 'scalar') return new Map();
      const fixed = fixedLabels(arg);
      if (e.func === 'label_replace' || e.func === 'label_join') {
        const dst = e.args[1];
        if (dst?.kind === 'string') fixed.delete(dst.value);
      }
      return fixed;
    }
    case 'aggregate': {
      const inner = e.expr ? fixedLabels(e.expr) : new Map<string, string>();
      if (SELECTING_AGGREGATIONS.has(e.op)) return inner;
      if (e.op === 'count_values' && e.param?.kind === 'string') inner.delete(e.param.value);
      for (const k of [...inner.keys()]) if (e.grouping.includes(k) === e.without) inner.delete(k);
      return inner;
    }
    case 'binary': {
      if (isScalarExpr(e.lhs)) return fixedLabels(e.rhs);
      if (isScalarExpr(e.rhs)) return fixedLabels(e.lhs);
      const lhs = fixedLabels(e.lhs);
      const rhs = fixedLabels(e.rhs);
      const m = e.matching!;
      if (e.op === 'or') return new Map([...lhs].filter(([k, v]) => rhs.get(k) === v));
      if (e.op === 'and' || e.op === 'unless') return lhs;
      if (m.card !== 'one-to-one') return m.card === 'many-to-one' ? lhs : rhs;
      const matched = (k: string): boolean => (m.on ? m.labels.includes(k) : !m.labels.includes(k));
      const out = new Map([...lhs].filter(([k]) => !m.on || m.labels.includes(k)));
      for (const [k, v] of rhs) if (matched(k) && !out.has(k)) out.set(k, v);
      return out;
    }
    default:
      return new Map();
  }
}

/**
 * Whether an alert on `e` fires only under a condition: a comparison (without `bool`), a set operation, or
 * `absent()`, somewhere its result depends on. Without one, every series the expression returns is a
 * firing alert.
 */
export function filters(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
    case 'string':
    case 'vector':
    case 'matrix':
      return false;
    case 'paren':
    case 'unary':
    case 'subquery':
      return filters(e.expr);
    case 'call':
      if (e.func === 'absent' || e.func === 'absent_over_time') return true;
      return e.args.some((a) => !isScalarExpr(a) && filters(a));
    case 'aggregate':
      return e.expr ? filters(e.expr) : false;
    case 'binary':
      if (['==', '!=', '>', '<', '>=', '<='].includes(e.op)) return !e.returnBool || filters(e.lhs) || filters(e.rhs);
      if (e.op === 'and' || e.op === 'unless') return true;
      if (e.op === 'or') return filters(e.lhs) && filters(e.rhs);
      return filters(e.lhs) || filters(e.rhs);
  }
}

/** Whether `e` has a comparison with `bool` (the usual reason an alert always fires). */
export function boolComparison(e: Expr): Binary | undefined {
  let found: Binary | undefined;
  walk(e, (n) => {
    if (!found && n.kind === 'binary' && n.returnBool) found = n;
  });
  return found;
}

/** Every vector selector in `e`, in source order. */
export function selectors(e: Expr): VectorSelector[] {
  const out: VectorSelector[] = [];
  walk(e, (n) => {
    if (n.kind === 'vector') out.push(n);
  });
  return out;
}

/** Strips parentheses. */
export function unparen(e: Expr): Expr {
  return e.kind === 'paren' ? unparen(e.expr) : e;
}
