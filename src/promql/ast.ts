/**
 * The PromQL syntax tree this package checks: the shape of Prometheus's own AST (promql/parser/ast.go), built
 * from lezer-promql's concrete tree. Offsets are UTF-16 positions in the expression text.
 */
import { ValueType } from './functions';

/** Start and end offsets in the expression text. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface NumberLiteral extends Span {
  readonly kind: 'number';
  readonly value: number;
}

export interface StringLiteral extends Span {
  readonly kind: 'string';
  readonly value: string;
}

/** One `name op "value"` matcher; the metric name written outside braces is a matcher on `__name__`. */
export interface LabelMatcher extends Span {
  readonly name: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** Offset and `@` modifiers, which Prometheus keeps on selectors and subqueries. */
export interface Modifiers {
  offsetMs?: number;
  /** A duration expression offset (Prometheus 3.x, experimental). */
  offsetExpr?: boolean;
  at?: number | 'start' | 'end';
}

export interface VectorSelector extends Span, Modifiers {
  readonly kind: 'vector';
  /** The metric name written before the braces, or ''. */
  readonly name: string;
  readonly matchers: LabelMatcher[];
}

export interface MatrixSelector extends Span {
  readonly kind: 'matrix';
  readonly selector: VectorSelector;
  readonly rangeMs: number;
}

export interface Subquery extends Span, Modifiers {
  readonly kind: 'subquery';
  readonly expr: Expr;
  readonly rangeMs: number;
  readonly stepMs: number;
}

export interface Call extends Span {
  readonly kind: 'call';
  readonly func: string;
  readonly args: Expr[];
}

export interface Aggregate extends Span {
  readonly kind: 'aggregate';
  readonly op: string;
  readonly param?: Expr;
  readonly expr?: Expr;
  readonly argCount: number;
  readonly grouping: string[];
  readonly without: boolean;
}

export type BinaryOp =
  '^' | '*' | '/' | '%' | '+' | '-' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless' | 'atan2';

export interface VectorMatching {
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  readonly on: boolean;
  readonly labels: string[];
  readonly include: string[];
  /** Whether `on(...)`/`ignoring(...)` or a group modifier was written. */
  readonly explicit: boolean;
}

/**
 * Binding power of each binary operator, as Prometheus's grammar ranks them (higher binds tighter); `^` is
 * right-associative, the others left. Unary `-`/`+` bind like `*`: looser than `^` (`-2 ^ 2` is `-(2 ^ 2)`).
 */
export const BINARY_PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '<=': 3,
  '<': 3,
  '>=': 3,
  '>': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};

export interface Binary extends Span {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  readonly matching?: VectorMatching;
}

export interface Unary extends Span {
  readonly kind: 'unary';
  readonly op: '+' | '-';
  readonly expr: Expr;
}

export interface Paren extends Span {
  readonly kind: 'paren';
  readonly expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Subquery
  | Call
  | Aggregate
  | Binary
  | Unary
  | Paren;

const COMPARISON = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET = new Set(['and', 'or', 'unless']);

export const isComparison = (op: BinaryOp): boolean => COMPARISON.has(op);
export const isSetOperator = (op: BinaryOp): boolean => SET.has(op);

/** The value type of an expression, as Prometheus's `Expr.Type()` computes it. */
export function typeOf(e: Expr, returnTypeOf: (func: string) => ValueType): ValueType {
  switch (e.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vector':
    case 'aggregate':
      return 'instant vector';
    case 'matrix':
    case 'subquery':
      return 'range vector';
    case 'call':
      return returnTypeOf(e.func);
    case 'binary':
      return typeOf(e.lhs, returnTypeOf) === 'scalar' && typeOf(e.rhs, returnTypeOf) === 'scalar'
        ? 'scalar'
        : 'instant vector';
    case 'unary':
    case 'paren':
      return typeOf(e.expr, returnTypeOf);
  }
}

/** Calls `visit` on `e` and every expression below it, parents first. */
export function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'matrix':
      walk(e.selector, visit);
      break;
    case 'subquery':
    case 'unary':
    case 'paren':
      walk(e.expr, visit);
      break;
    case 'call':
      e.args.forEach((a) => walk(a, visit));
      break;
    case 'aggregate':
      if (e.param) walk(e.param, visit);
      if (e.expr) walk(e.expr, visit);
      break;
    case 'binary':
      walk(e.lhs, visit);
      walk(e.rhs, visit);
      break;
    default:
      break;
  }
}
