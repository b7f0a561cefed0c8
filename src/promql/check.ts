/**
 * Type checks on the syntax tree: the checks of Prometheus's `checkAST` (promql/parser/parse.go), in its words.
 */
import * as ast from './ast';
import { AGGREGATIONS, FUNCTIONS, ValueType } from './functions';
import { compileMatcherRegex } from './regex';
import type { SpanError } from './parse';

const returnTypeOf = (func: string): ValueType => FUNCTIONS.get(func)?.returnType ?? 'none';
const typeOf = (e: ast.Expr): ValueType => ast.typeOf(e, returnTypeOf);

/** Type-checks `root` and everything below it; returns the errors in the order Prometheus finds them. */
export function checkTypes(root: ast.Expr): SpanError[] {
  const errors: SpanError[] = [];
  const fail = (span: ast.Span, message: string): void => {
    errors.push({ from: span.from, to: span.to, message });
  };

  const expectType = (e: ast.Expr, want: ValueType, context: string): void => {
    const got = check(e);
    if (got !== want) fail(e, `expected type ${want} in ${context}, got ${got}`);
  };

  function check(e: ast.Expr): ValueType {
    const type = typeOf(e);
    switch (e.kind) {
      case 'aggregate':
        if (e.expr) expectType(e.expr, 'instant vector', 'aggregation expression');
        if (e.param) {
          const want = AGGREGATIONS.get(e.op)?.param;
          if (want) expectType(e.param, want, 'aggregation parameter');
        }
        break;
      case 'binary':
        checkBinary(e);
        break;
      case 'call':
        checkCall(e);
        break;
      case 'paren':
        check(e.expr);
        break;
      case 'unary': {
        const t = check(e.expr);
        if (t !== 'scalar' && t !== 'instant vector') {
          fail(e, `unary expression only allowed on expressions of type scalar or instant vector, got "${t}"`);
        }
        break;
      }
      case 'subquery': {
        const t = check(e.expr);
        if (t !== 'instant vector') fail(e, `subquery is only allowed on instant vector, got ${goTypeName(t)} instead`);
        break;
      }
      case 'matrix':
        check(e.selector);
        break;
      case 'vector':
        checkSelector(e);
        break;
      default:
        break;
    }
    return type;
  }

  function checkBinary(e: ast.Binary): void {
    const lt = check(e.lhs);
    const rt = check(e.rhs);
    const comparison = ast.isComparison(e.op);
    const setOp = ast.isSetOperator(e.op);
    if (e.returnBool && !comparison) fail(e.opSpan, 'bool modifier can only be used on comparison operators');
    if (comparison && !e.returnBool && lt === 'scalar' && rt === 'scalar')
      fail(e.opSpan, 'comparisons between scalars must use BOOL modifier');
    const m = e.matching;
    if (m && m.on) {
      for (const l of m.labels)
        if (m.include.includes(l)) fail(e.opSpan, `label "${l}" must not occur in ON and GROUP clause at once`);
    }
    if (lt !== 'scalar' && lt !== 'instant vector')
      fail(e.lhs, 'binary expression must contain only scalar and instant vector types');
    if (rt !== 'scalar' && rt !== 'instant vector')
      fail(e.rhs, 'binary expression must contain only scalar and instant vector types');
    if (m && (lt !== 'instant vector' || rt !== 'instant vector')) {
      if (m.labels.length > 0) fail(e, 'vector matching only allowed between instant vectors');
    } else if (m && setOp) {
      if (m.card === 'one-to-many' || m.card === 'many-to-one') fail(e, `no grouping allowed for "${e.op}" operation`);
    }
    if ((lt === 'scalar' || rt === 'scalar') && setOp)
      fail(e, `set operator "${e.op}" not allowed in binary scalar expression`);
  }

  function checkCall(e: ast.Call): void {
    const fn = FUNCTIONS.get(e.func);
    if (!fn) return;
    const nargs = fn.argTypes.length;
    if (fn.variadic === 0) {
      if (nargs !== e.args.length)
        fail(e, `expected ${nargs} argument(s) in call to "${fn.name}", got ${e.args.length}`);
    } else {
      const min = nargs - 1;
      if (min > e.args.length)
        fail(e, `expected at least ${min} argument(s) in call to "${fn.name}", got ${e.args.length}`);
      else if (fn.variadic > 0 && min + fn.variadic < e.args.length) {
        fail(e, `expected at most ${min + fn.variadic} argument(s) in call to "${fn.name}", got ${e.args.length}`);
      }
    }
    e.args.forEach((arg, i) => {
      if (i >= nargs) {
        if (fn.variadic === 0) return;
        i = nargs - 1;
      }
      const t = check(arg);
      if (t !== fn.argTypes[i]) fail(arg, `expected type ${fn.argTypes[i]} in call to function "${fn.name}", got ${t}`);
    });
  }

  function checkSelector(e: ast.VectorSelector): void {
    if (e.name !== '') {
      const explicit = e.matchers.filter((m) => m.name === '__name__').slice(1);
      for (const m of explicit) fail(e, `metric name must not be set twice: "${e.name}" or "${m.value}"`);
      return;
    }
    if (!e.matchers.some((m) => !matchesEmpty(m)))
      fail(e, 'vector selector must contain at least one non-empty matcher');
  }

  check(root);
  return errors;
}

/** Whether a matcher accepts the empty label value, as labels.Matcher.Matches("") does. */
export function matchesEmpty(m: ast.LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    default: {
      const re = compileMatcherRegex(m.value);
      const hit = re.ok && re.matches('');
      return m.op === '=~' ? hit : !hit;
    }
  }
}

/** Go's ValueType string (used unformatted in the subquery message): "matrix", "vector", ... */
function goTypeName(t: ValueType): string {
  return (
    { scalar: 'scalar', 'instant vector': 'vector', 'range vector': 'matrix', string: 'string', none: 'none' } as const
  )[t];
}
