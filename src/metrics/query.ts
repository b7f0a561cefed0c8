/**
 * Queries as values: PromQL text built from declared metrics, usable wherever an expression string is taken
 * (`String(q)`, `${q}`, `q.expr`; constructs accept `string | Query`).
 */

/** An expression constructs accept: PromQL text, or a Query built from metric values. */
export type PromQLExpr = string | Query;

/**
 * The PromQL text of an expression given as text or as a Query. Anything else is returned as it is, for the
 * checks of the construct given it to report.
 */
export function promqlText(e: PromQLExpr): string {
  return e instanceof Query ? e.expr : e;
}

/** How tightly an expression binds, to parenthesize it only where needed. */
export type QueryBinding = 'atom' | 'binary';

/**
 * PromQL built from metric values: an instant vector whose series carry (at most) the labels `L`.
 * Immutable; every operation returns a new Query.
 */
export class Query<L extends string = string> {
  /** @param binding 'binary' when the text is a binary operation (parenthesized when it becomes an operand). */
  constructor(
    readonly expr: string,
    private readonly binding: QueryBinding = 'atom',
  ) {}

  /** The PromQL text, so a Query reads as a string in template literals and String(). */
  toString(): string {
    return this.expr;
  }

  toJSON(): string {
    return this.expr;
  }

  /** The text as an operand of a binary operator or function: parenthesized when it is itself a binary operation. */
  get operand(): string {
    return this.binding === 'binary' ? `(${this.expr})` : this.expr;
  }

  /** `sum(...)`, or `sum by (labels) (...)`. */
  sum<K extends L>(options: { readonly by?: readonly K[] } = {}): Query<K> {
    return aggregate('sum', this, options.by);
  }

  /** `avg`, `max`, `min`, `count` with optional grouping. */
  aggregate<K extends L>(
    op: 'sum' | 'avg' | 'max' | 'min' | 'count',
    options: { readonly by?: readonly K[] } = {},
  ): Query<K> {
    return aggregate(op, this, options.by);
  }

  /** `this / other` (on the labels both sides keep). */
  dividedBy(other: Query<L> | number): Query<L> {
    return new Query(`${this.operand} / ${typeof other === 'number' ? String(other) : other.operand}`, 'binary');
  }

  /** `this * factor`. */
  times(factor: number): Query<L> {
    return new Query(`${this.operand} * ${String(factor)}`, 'binary');
  }

  /** `this > level` (or another comparison): the series beyond it, as an alert expression. */
  compare(op: '>' | '<' | '>=' | '<=' | '==' | '!=', level: number): Query<L> {
    return new Query(`${this.operand} ${op} ${String(level)}`, 'binary');
  }
}

function aggregate<K extends string>(op: string, q: Query, by: readonly K[] | undefined): Query<K> {
  return new Query<K>(by && by.length > 0 ? `${op} by (${[...by].join(', ')}) (${q.expr})` : `${op}(${q.expr})`);
}
