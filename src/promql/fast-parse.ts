/**
 * The fast path of parsePromQL (issue 17): a precedence-climbing parser over lexPromQL's tokens for the
 * expressions rule sets are made of (selectors, ranges, offsets, plain subqueries, calls, aggregations, unary
 * and binary operators with their modifiers; comments are skipped by the lexer). It builds the tree the full
 * path (lezer-promql plus parse.ts's checks) builds, node for node and key for key, and declines (returns
 * undefined) on anything else: every error, chained subqueries, `@`, duration expressions, quoted label names,
 * experimental features unless enabled, and postfixes on signed numbers, so that parsePromQL's answer never
 * depends on which path gave it. Operators bind as Prometheus binds them (`-1 ^ 2` is `-(1 ^ 2)`,
 * `a + b offset 5m * c` is `a + (b offset 5m * c)`), as the full path does after re-binding lezer's tree.
 */
import { BINARY_PRECEDENCE } from './ast';
import type * as ast from './ast';
import { parseDuration } from './durations';
import { AGGREGATIONS, FUNCTIONS, functionExists } from './functions';
import { lexPromQL, type LexResult, type Token } from './lexer';
import { compileMatcherRegex } from './regex';
import { unquotePromQLString } from './strings';
import type { PrometheusVersion } from './version';

/**
 * The feature switches the fast path reads, of parse.ts's ParseFeatures. The others change nothing it
 * answers: duration expressions and extended range selectors are constructs it leaves to the full path.
 */
export interface FastParseFeatures {
  readonly experimentalFunctions?: boolean;
}

/** parse.ts's ParseResult for an expression without errors (parse.ts imports this module, not the reverse). */
export interface FastParseResult {
  readonly expr: ast.Expr;
  readonly errors: never[];
}

/** Thrown (never escapes) when the fast path does not answer. */
const DECLINE = { decline: true };

const PRECEDENCE: Readonly<Record<string, number>> = BINARY_PRECEDENCE;
const POW = BINARY_PRECEDENCE['^'];

/**
 * Words the grammar's tokenizer treats specially somewhere (keywords, aggregations, function names): as a
 * metric name the fast path leaves them to the full path.
 */
const RESERVED = new Set([
  'inf',
  'nan',
  'bool',
  'ignoring',
  'on',
  'group_left',
  'group_right',
  'offset',
  'by',
  'without',
  'and',
  'or',
  'unless',
  'atan2',
  'start',
  'end',
  'smoothed',
  'anchored',
  'fill',
  'fill_left',
  'fill_right',
  'step',
  'range',
  'holt_winters',
  ...AGGREGATIONS.keys(),
  ...FUNCTIONS.keys(),
]);

/**
 * Functions of the table that lezer-promql's grammar does not know and the full path reads under another name
 * (holt_winters). test/promql/fast-parse.test.ts calls every function both ways.
 */
const NOT_IN_GRAMMAR = new Set(['holt_winters']);

const NUMBER_TEXT = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * Parses `text` on the fast path: the full path's result when the fast path answers, else undefined.
 * `lexed`: lexPromQL's result for the text and release, when the caller has it.
 */
export function parsePromQLFast(
  text: string,
  version: PrometheusVersion,
  features: FastParseFeatures = {},
  lexed: LexResult = lexPromQL(text, { version }),
): FastParseResult | undefined {
  if (lexed.error || lexed.tokens.length === 0) return undefined;
  const tokens = lexed.tokens;
  try {
    const p = new FastParser(tokens, version, features);
    const expr = p.expr();
    if (p.pos !== tokens.length) return undefined;
    return { expr, errors: [] };
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

class FastParser {
  pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly version: PrometheusVersion,
    private readonly features: FastParseFeatures,
  ) {}

  /** An expression whose operators bind at least `minPrec`. */
  expr(minPrec = 0): ast.Expr {
    let lhs = this.unary();
    for (;;) {
      const t = this.tokens[this.pos];
      if (!t || t.type !== 'OPERATOR') return lhs;
      let op = t.text;
      let prec = PRECEDENCE[op];
      if (prec === undefined) {
        op = op.toLowerCase(); // `AND`, `Or`: Prometheus reads words in any case
        prec = PRECEDENCE[op];
      }
      if (prec === undefined) throw DECLINE;
      if (prec < minPrec) return lhs;
      this.pos++;
      let returnBool = false;
      if (this.isWord('bool')) {
        returnBool = true;
        this.pos++;
      }
      const matching = this.matching();
      const rhs = this.expr(op === '^' ? prec : prec + 1);
      lhs = {
        kind: 'binary',
        from: lhs.from,
        to: rhs.to,
        op: op as ast.BinaryOp,
        opSpan: { from: t.from, to: t.to },
        lhs,
        rhs,
        returnBool,
        matching,
      };
    }
  }

  private matching(): ast.VectorMatching {
    const t = this.tokens[this.pos];
    if (!this.isWord('on') && !this.isWord('ignoring'))
      return { card: 'one-to-one', on: false, labels: [], include: [], explicit: false };
    this.pos++;
    const on = t.text.toLowerCase() === 'on';
    const labels = this.groupingLabels();
    let card: ast.VectorMatching['card'] = 'one-to-one';
    let include: string[] = [];
    if (this.isWord('group_left') || this.isWord('group_right')) {
      card = this.isWord('group_left') ? 'many-to-one' : 'one-to-many';
      this.pos++;
      if (this.tokens[this.pos]?.type === 'LEFT_PAREN') include = this.groupingLabels();
    }
    return { card, on, labels, include, explicit: true };
  }

  /** `(a, b)`: plain label names, no trailing comma. */
  private groupingLabels(): string[] {
    this.expect('LEFT_PAREN');
    const labels: string[] = [];
    if (this.tokens[this.pos]?.type === 'RIGHT_PAREN') {
      this.pos++;
      return labels;
    }
    for (;;) {
      labels.push(this.expect('IDENTIFIER').text);
      const t = this.next();
      if (t.type === 'RIGHT_PAREN') return labels;
      if (t.type !== 'COMMA') throw DECLINE;
    }
  }

  private unary(): ast.Expr {
    const t = this.tokens[this.pos];
    if (t && t.type === 'OPERATOR' && (t.text === '-' || t.text === '+')) {
      this.pos++;
      const operandToken = this.tokens[this.pos];
      // A postfix after a signed number (`-1[5m:]`, `-1 offset 5m`) is left to the full path; `-1 ^ 2` is
      // `-(1 ^ 2)` on both paths (the full path re-binds lezer's `(-1) ^ 2`).
      if (operandToken?.type === 'NUMBER') {
        const after = this.tokens[this.pos + 1];
        if (after && after.type !== 'OPERATOR' && after.type !== 'RIGHT_PAREN' && after.type !== 'COMMA') throw DECLINE;
      }
      const inner = this.expr(POW);
      const op = t.text;
      if (inner.kind === 'number') {
        return { kind: 'number', from: t.from, to: inner.to, value: op === '-' ? -inner.value : inner.value };
      }
      return { kind: 'unary', from: t.from, to: inner.to, op, expr: inner };
    }
    return this.postfixed();
  }

  /** An operand with its range or subquery and offset, if any. */
  private postfixed(): ast.Expr {
    const e = this.primary();
    let out = e;
    let t = this.tokens[this.pos];
    if (t?.type === 'LEFT_BRACKET') {
      if (e.kind === 'number' || e.kind === 'string' || e.kind === 'unary') throw DECLINE;
      this.pos++;
      const range = this.duration(this.expect('DURATION'));
      let close = this.next();
      if (close.type === 'COLON') {
        let stepMs = 0;
        close = this.next();
        if (close.type === 'DURATION') {
          stepMs = this.duration(close);
          close = this.next();
        }
        if (close.type !== 'RIGHT_BRACKET') throw DECLINE;
        out = { kind: 'subquery', from: e.from, to: close.to, expr: e, rangeMs: range, stepMs };
      } else {
        if (close.type !== 'RIGHT_BRACKET' || e.kind !== 'vector') throw DECLINE;
        out = { kind: 'matrix', from: e.from, to: close.to, selector: e, rangeMs: range };
      }
      t = this.tokens[this.pos];
    }
    if (this.isWord('offset')) {
      const target =
        out.kind === 'matrix' ? out.selector : out.kind === 'vector' || out.kind === 'subquery' ? out : undefined;
      if (!target) throw DECLINE;
      this.pos++;
      const d = this.expect('DURATION');
      target.offsetMs = this.duration(d);
      out = { ...out, to: d.to } as ast.Expr;
      t = this.tokens[this.pos];
    }
    // A second range or subquery, `@`, another offset, anchored/smoothed: the full path's.
    if (t && t.type !== 'OPERATOR' && t.type !== 'RIGHT_PAREN' && t.type !== 'COMMA') throw DECLINE;
    return out;
  }

  private primary(): ast.Expr {
    const t = this.next();
    switch (t.type) {
      case 'NUMBER': {
        const word = t.text.toLowerCase();
        let value: number;
        if (word === 'inf') value = Infinity;
        else if (word === 'nan') value = NaN;
        else {
          if (!NUMBER_TEXT.test(t.text)) throw DECLINE;
          value = Number(t.text);
          if (!Number.isFinite(value)) throw DECLINE; // out of range: the full path's error
        }
        return { kind: 'number', from: t.from, to: t.to, value };
      }
      case 'STRING':
        return { kind: 'string', from: t.from, to: t.to, value: this.string(t) };
      case 'LEFT_PAREN': {
        const inner = this.expr();
        const close = this.expect('RIGHT_PAREN');
        return { kind: 'paren', from: t.from, to: close.to, expr: inner };
      }
      case 'LEFT_BRACE':
        this.pos--;
        return this.selector('', t.from);
      case 'IDENTIFIER':
      case 'METRIC_IDENTIFIER':
        if (this.tokens[this.pos]?.type === 'LEFT_PAREN') return this.call(t);
        if (RESERVED.has(t.text.toLowerCase())) throw DECLINE;
        return this.selector(t.text, t.from, t);
      case 'AGGREGATOR':
        return this.aggregate(t);
      default:
        throw DECLINE;
    }
  }

  private selector(name: string, from: number, nameToken?: Token): ast.VectorSelector {
    const matchers: ast.LabelMatcher[] = [];
    let to = nameToken ? nameToken.to : from;
    if (nameToken) matchers.push({ from: nameToken.from, to: nameToken.to, name: '__name__', op: '=', value: name });
    if (this.tokens[this.pos]?.type === 'LEFT_BRACE') {
      this.pos++;
      let t = this.next();
      while (t.type !== 'RIGHT_BRACE') {
        if (t.type !== 'IDENTIFIER') throw DECLINE;
        const opToken = this.next();
        const op = matchOp(opToken);
        const valueToken = this.expect('STRING');
        const value = this.string(valueToken);
        if (op === '=~' || op === '!~') {
          // `(?<`: refused by Go before 1.22 (Prometheus before 2.51); left to the full path.
          if (value.includes('(?<') || !compileMatcherRegex(value).ok) throw DECLINE;
        }
        matchers.push({ from: t.from, to: valueToken.to, name: t.text, op, value });
        t = this.next();
        if (t.type === 'COMMA') {
          t = this.next();
          if (t.type === 'RIGHT_BRACE') throw DECLINE; // a trailing comma
        } else if (t.type !== 'RIGHT_BRACE') throw DECLINE;
      }
      to = t.to;
    }
    return { kind: 'vector', from, to, name, matchers };
  }

  private call(nameToken: Token): ast.Call {
    const name = nameToken.text;
    const fn = FUNCTIONS.get(name);
    if (
      !fn ||
      !functionExists(fn, this.version) ||
      (fn.experimental && !this.features.experimentalFunctions) ||
      NOT_IN_GRAMMAR.has(name)
    )
      throw DECLINE;
    const { args, close } = this.arguments();
    return { kind: 'call', from: nameToken.from, to: close.to, func: name, args };
  }

  /** `(a, b)`: expressions, no trailing comma. */
  private arguments(): { args: ast.Expr[]; close: Token } {
    this.expect('LEFT_PAREN');
    const args: ast.Expr[] = [];
    if (this.tokens[this.pos]?.type === 'RIGHT_PAREN') return { args, close: this.next() };
    for (;;) {
      args.push(this.expr());
      const t = this.next();
      if (t.type === 'RIGHT_PAREN') return { args, close: t };
      if (t.type !== 'COMMA') throw DECLINE;
    }
  }

  private aggregate(opToken: Token): ast.Aggregate {
    const op = AGGREGATIONS.has(opToken.text) ? opToken.text : opToken.text.toLowerCase();
    const info = AGGREGATIONS.get(op);
    if (!info || (info.experimental && !this.features.experimentalFunctions)) throw DECLINE;
    let grouping: string[] = [];
    let without = false;
    let modifier = false;
    if (this.isWord('by') || this.isWord('without')) {
      without = this.next().text.toLowerCase() === 'without';
      grouping = this.groupingLabels();
      modifier = true;
    }
    const { args, close } = this.arguments();
    let to = close.to;
    if (!modifier && (this.isWord('by') || this.isWord('without'))) {
      without = this.next().text.toLowerCase() === 'without';
      grouping = this.groupingLabels();
      to = this.tokens[this.pos - 1].to;
    }
    const want = info.param ? 2 : 1;
    if (args.length !== want) throw DECLINE;
    return {
      kind: 'aggregate',
      from: opToken.from,
      to,
      op,
      grouping,
      without,
      argCount: args.length,
      param: info.param ? args[0] : undefined,
      expr: args[want - 1],
    };
  }

  /** A range or offset duration: a plain positive duration literal. */
  private duration(t: Token): number {
    const d = parseDuration(t.text);
    // Not zero, and within Go's time.Duration (int64 nanoseconds), compared as the full path compares.
    if (!d.ok || d.ms <= 0 || d.ms * 1e6 > 9.223372036854776e18) throw DECLINE;
    return d.ms;
  }

  private string(t: Token): string {
    const r = unquotePromQLString(t.text);
    if (!r.ok) throw DECLINE;
    return r.value;
  }

  private isWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return (
      t !== undefined &&
      t.type === 'KEYWORD' &&
      (t.text === word || (t.text.length === word.length && t.text.toLowerCase() === word))
    );
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw DECLINE;
    return t;
  }

  private expect(type: Token['type']): Token {
    const t = this.next();
    if (t.type !== type) throw DECLINE;
    return t;
  }
}

function matchOp(t: Token): ast.LabelMatcher['op'] {
  switch (t.type) {
    case 'EQL':
      return '=';
    case 'EQL_REGEX':
      return '=~';
    case 'NEQ_REGEX':
      return '!~';
    case 'OPERATOR':
      if (t.text === '!=') return '!=';
      throw DECLINE;
    default:
      throw DECLINE;
  }
}
