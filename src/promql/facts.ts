/**
 * What checks need to know about a PromQL expression beyond whether it is valid: which labels its
 * result can carry, which label values are certain, whether it filters at all, and its selectors. All are
 * small walks over the syntax tree `analyzePromQL` returns, following how Prometheus's engine builds each
 * result's labels (promql/engine.go: aggregations keep their grouping labels, one-to-one matching with
 * `on(...)` keeps only those labels, `label_replace` adds one, `absent()` takes its selector's equality
 * matchers).
 */
import type { Aggregate, Binary, Call, Expr, LabelMatcher, VectorSelector } from './ast';
import { walk } from './ast';
import { FUNCTIONS } from './functions';

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

/**
 * The labels a selector's series carry when they are known (a metric catalogue declares its metric), and why;
 * undefined when unknown.
 */
export type SelectorLabels = (
  selector: VectorSelector,
) => { readonly labels: readonly string[]; readonly why: string } | undefined;

/**
 * The labels the result of `e` can carry. `text` is the expression, for explanations; `known` gives the labels
 * of selectors whose series are known (otherwise a selector can carry any label).
 */
export function outputLabels(e: Expr, text: string, known?: SelectorLabels): LabelSet {
  switch (e.kind) {
    case 'number':
    case 'string':
      return none('a number has no labels');
    case 'vector':
    case 'matrix': {
      const k = known?.(e.kind === 'vector' ? e : e.selector);
      return k ? { exact: true, labels: new Set(k.labels), why: k.why } : ANY;
    }
    case 'paren':
    case 'unary':
    case 'subquery':
      return outputLabels(e.expr, text, known);
    case 'call':
      return callLabels(e, text, known);
    case 'aggregate':
      return aggregateLabels(e, text, known);
    case 'binary':
      return binaryLabels(e, text, known);
  }
}

function callLabels(e: Call, text: string, known: SelectorLabels | undefined): LabelSet {
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
  let inner = outputLabels(arg, text, known);
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

function aggregateLabels(e: Aggregate, text: string, known: SelectorLabels | undefined): LabelSet {
  const inner = e.expr ? outputLabels(e.expr, text, known) : ANY;
  if (SELECTING_AGGREGATIONS.has(e.op)) return inner;
  const extra = e.op === 'count_values' && e.param?.kind === 'string' ? [e.param.value] : [];
  const written = src(text, e).replace(/\s+/g, ' ');
  const short = written.length > 60 ? `${written.slice(0, 57)}...` : written;
  if (e.without)
    return addLabels(removeLabels(inner, e.grouping, `"${short}" removes ${e.grouping.join(', ')}`), extra);
  const keep = [...e.grouping, ...extra];
  const labels = new Set(
    inner.exact
      ? keep.filter((l) => inner.labels.has(l) || extra.includes(l))
      : keep.filter((l) => !inner.absent.has(l) || extra.includes(l)),
  );
  return {
    exact: true,
    labels,
    why:
      keep.length === 0
        ? `"${short}" aggregates every label away`
        : `"${short}" keeps only ${[...labels].join(', ') || 'no labels'}`,
  };
}

function binaryLabels(e: Binary, text: string, known: SelectorLabels | undefined): LabelSet {
  const lt = isScalarExpr(e.lhs);
  const rt = isScalarExpr(e.rhs);
  if (lt && rt) return none('a number has no labels');
  if (lt) return outputLabels(e.rhs, text, known);
  if (rt) return outputLabels(e.lhs, text, known);
  const lhs = outputLabels(e.lhs, text, known);
  const rhs = outputLabels(e.rhs, text, known);
  const m = e.matching!;
  if (e.op === 'and' || e.op === 'unless') return lhs;
  if (e.op === 'or') return union(lhs, rhs);
  if (m.card === 'one-to-one') {
    if (m.on)
      return keepOnly(lhs, m.labels, `on(${m.labels.join(', ')}) keeps only ${m.labels.join(', ') || 'no labels'}`);
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
  if (s.exact)
    return { exact: true, labels: new Set([...s.labels].filter((l) => !labels.includes(l))), why: s.why || why };
  return { exact: false, absent: new Set([...s.absent, ...labels]), why };
}

function keepOnly(s: LabelSet, labels: readonly string[], why: string): LabelSet {
  const kept = labels.filter((l) => (s.exact ? s.labels.has(l) : !s.absent.has(l)));
  return { exact: true, labels: new Set(kept), why };
}

function union(a: LabelSet, b: LabelSet): LabelSet {
  if (a.exact && b.exact) return { exact: true, labels: new Set([...a.labels, ...b.labels]), why: a.why || b.why };
  if (!a.exact && !b.exact)
    return { exact: false, absent: new Set([...a.absent].filter((l) => b.absent.has(l))), why: a.why || b.why };
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

/**
 * What an expression's result says about one label's value: `=` a value, `!=` a value, `=~`/`!~` a regex
 * (anchored, as Prometheus anchors matchers). A series of the result satisfies every constraint listed for
 * a label.
 */
export interface LabelConstraint {
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export type Constraints = Map<string, LabelConstraint[]>;

const addConstraint = (m: Constraints, label: string, c: LabelConstraint): void => {
  const list = m.get(label);
  if (list) {
    if (!list.some((x) => x.op === c.op && x.value === c.value)) list.push(c);
  } else m.set(label, [c]);
};

const merge = (into: Constraints, from: Constraints, keep: (label: string) => boolean = () => true): Constraints => {
  for (const [label, list] of from) if (keep(label)) for (const c of list) addConstraint(into, label, c);
  return into;
};

/** Regexes that match every value of a label: `label_replace` with them always rewrites. */
const MATCHES_EVERYTHING = new Set(['.*', '(.*)', '^.*$', '^(.*)$']);

/**
 * The constraints every series of `e`'s result satisfies, label by label: selector matchers, kept through
 * functions and aggregations that keep the label, `label_replace` with a constant replacement, labels copied
 * in by `group_left(...)`/`group_right(...)`, and the other side's constraints on labels matched by `on(...)`
 * or by `and`. Two results that cannot satisfy both constraint sets never share a series.
 */
export function labelConstraints(e: Expr): Constraints {
  switch (e.kind) {
    case 'vector': {
      const m: Constraints = new Map();
      for (const x of e.matchers) if (x.name !== '__name__') addConstraint(m, x.name, { op: x.op, value: x.value });
      return m;
    }
    case 'matrix':
      return labelConstraints(e.selector);
    case 'paren':
    case 'unary':
    case 'subquery':
      return labelConstraints(e.expr);
    case 'call': {
      if (e.func === 'absent' || e.func === 'absent_over_time') {
        const sel = selectorOf(e.args[0]);
        const m: Constraints = new Map();
        if (sel) for (const x of equalityMatchers(sel)) addConstraint(m, x.name, { op: '=', value: x.value });
        return m;
      }
      const fn = FUNCTIONS.get(e.func);
      const i = fn ? fn.argTypes.findIndex((t) => t === 'instant vector' || t === 'range vector') : -1;
      const arg = i >= 0 ? e.args[i] : undefined;
      if (!arg || e.func === 'vector' || fn?.returnType === 'scalar') return new Map();
      const m = labelConstraints(arg);
      if (e.func === 'label_replace' || e.func === 'label_join') {
        const dst = e.args[1];
        if (dst?.kind !== 'string') return new Map();
        m.delete(dst.value);
        const [, , replacement, src, regex] = e.args;
        if (
          e.func === 'label_replace' &&
          replacement?.kind === 'string' &&
          !replacement.value.includes('$') &&
          src?.kind === 'string' &&
          regex?.kind === 'string' &&
          (MATCHES_EVERYTHING.has(regex.value) || (src.value === '' && regex.value === ''))
        ) {
          m.set(dst.value, [{ op: '=', value: replacement.value }]);
        }
      }
      return m;
    }
    case 'aggregate': {
      const inner = e.expr ? labelConstraints(e.expr) : new Map<string, LabelConstraint[]>();
      if (SELECTING_AGGREGATIONS.has(e.op)) return inner;
      if (e.op === 'count_values' && e.param?.kind === 'string') inner.delete(e.param.value);
      for (const k of [...inner.keys()]) if (e.grouping.includes(k) === e.without) inner.delete(k);
      return inner;
    }
    case 'binary': {
      if (isScalarExpr(e.lhs)) return labelConstraints(e.rhs);
      if (isScalarExpr(e.rhs)) return labelConstraints(e.lhs);
      const lhs = labelConstraints(e.lhs);
      const rhs = labelConstraints(e.rhs);
      const m = e.matching!;
      const matched = (k: string): boolean => (m.on ? m.labels.includes(k) : !m.labels.includes(k));
      if (e.op === 'or') {
        // A label is pinned only where both sides pin it to the same single value.
        const out: Constraints = new Map();
        for (const [k, list] of lhs) {
          const other = rhs.get(k);
          const eq = list.find((c) => c.op === '=');
          if (eq && other?.some((c) => c.op === '=' && c.value === eq.value)) out.set(k, [eq]);
        }
        return out;
      }
      if (e.op === 'unless') return lhs;
      if (e.op === 'and') return merge(lhs, rhs, matched);
      if (m.card === 'one-to-one') {
        // The result keeps the matched labels (on: only those; ignoring: all but those), equal on both sides.
        return merge(merge(new Map(), lhs, matched), rhs, matched);
      }
      const [many, one] = m.card === 'many-to-one' ? [lhs, rhs] : [rhs, lhs];
      const out = merge(new Map(), many, (k) => !m.include.includes(k));
      merge(out, one, (k) => m.include.includes(k) || matched(k));
      return out;
    }
    default:
      return new Map();
  }
}

/** An expression's offset and `@` modifiers as canonicalExpr writes them. */
function canonicalModifiers(x: { offsetMs?: number; offsetExpr?: boolean; at?: number | 'start' | 'end' }): string {
  const offset = x.offsetMs !== undefined ? ` offset ${x.offsetMs}ms` : x.offsetExpr ? ' offset <expr>' : '';
  return x.at !== undefined ? `${offset} @ ${x.at}` : offset;
}

/**
 * The expression written canonically: the same for two expressions that differ only in spacing, comments,
 * parentheses, keyword case, the order of label matchers and grouping labels, and string quoting.
 */
export function canonicalExpr(e: Expr): string {
  const c = canonicalExpr;
  const q = JSON.stringify;
  const mods = canonicalModifiers;
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return q(e.value);
    case 'vector': {
      const ms = e.matchers
        .filter((m) => !(m.name === '__name__' && m.op === '=' && m.value === e.name))
        .map((m) => `${m.name}${m.op}${q(m.value)}`)
        .sort();
      return `${e.name}{${ms.join(',')}}${mods(e)}`;
    }
    case 'matrix':
      return `${c({ ...e.selector, offsetMs: undefined, offsetExpr: undefined, at: undefined })}[${e.rangeMs}ms]${mods(e.selector)}`;
    case 'subquery':
      return `(${c(e.expr)})[${e.rangeMs}ms:${e.stepMs}ms]${mods(e)}`;
    case 'paren':
      return c(e.expr);
    case 'unary':
      return `${e.op}(${c(e.expr)})`;
    case 'call':
      return `${e.func}(${e.args.map(c).join(',')})`;
    case 'aggregate':
      return `${e.op} ${e.without ? 'without' : 'by'}(${[...e.grouping].sort().join(',')})(${[e.param, e.expr]
        .filter((x): x is Expr => x !== undefined)
        .map(c)
        .join(',')})`;
    case 'binary': {
      const m = e.matching;
      const matching =
        m && m.explicit
          ? ` ${m.on ? 'on' : 'ignoring'}(${[...m.labels].sort().join(',')}) ${m.card}(${[...m.include].sort().join(',')})`
          : '';
      return `(${c(e.lhs)} ${e.op}${e.returnBool ? ' bool' : ''}${matching} ${c(e.rhs)})`;
    }
  }
}
