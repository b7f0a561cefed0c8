/**
 * From PromQL text to the syntax tree in ast.ts: lezer-promql parses, and this module adds what Prometheus's
 * lexer and parser refuse beyond the grammar (escapes, durations, regexes, modifier placement, functions and
 * syntax the target release lacks). Type checks live in check.ts.
 */
import type { LRParser } from '@lezer/lr';
import type { SyntaxNode } from '@lezer/common';
import * as ast from './ast';
import { parseDuration } from './durations';
import { AGGREGATIONS, FUNCTIONS, functionExists } from './functions';
import { parsePromQLFast } from './fast-parse';
import { describeToken, goQuoteRune, lexPromQL, type LexResult, type Token } from './lexer';
import { compileMatcherRegex } from './regex';
import { unquotePromQLString } from './strings';
import { PrometheusVersion, isAtLeast, formatVersion } from './version';

/** A problem found while parsing, at offsets of the expression text. */
export interface SpanError extends ast.Span {
  readonly message: string;
}

/** Feature switches, as Prometheus's `--enable-feature` flags set them. All default to off, as in Prometheus. */
export interface ParseFeatures {
  /** `promql-experimental-functions`: sort_by_label, limitk, info, double_exponential_smoothing, ... */
  readonly experimentalFunctions?: boolean;
  /** `promql-duration-expr`: arithmetic in ranges and offsets, e.g. `foo[5m+1m]`. */
  readonly durationExpressions?: boolean;
  /** `promql-extended-range-selectors`: the `anchored` and `smoothed` modifiers. */
  readonly extendedRangeSelectors?: boolean;
}

export interface ParseResult {
  readonly expr?: ast.Expr;
  readonly errors: SpanError[];
}

const BINARY_OPS: Record<string, ast.BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
  Atan2: 'atan2',
};

/** Words after which Prometheus's grammar reads grouping labels in parentheses. */
const GROUPING_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

const MATCH_OPS: Record<string, ast.LabelMatcher['op']> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/**
 * Parses `text` into a syntax tree, reporting everything Prometheus would refuse before type checking. The
 * fast path (fast-parse.ts) answers for the common expressions, the full path for everything else; both give
 * the same result.
 */
export function parsePromQL(text: string, version: PrometheusVersion, features: ParseFeatures = {}): ParseResult {
  const lexed = lexPromQL(text, { version }); // once for both paths
  return parsePromQLFast(text, version, features, lexed) ?? new TreeBuilder(text, version, features).build(lexed);
}

/** parsePromQL without the fast path: lezer-promql's grammar and this module's checks. */
export function parsePromQLFull(text: string, version: PrometheusVersion, features: ParseFeatures = {}): ParseResult {
  return new TreeBuilder(text, version, features).build();
}

class TreeBuilder {
  private readonly errors: SpanError[] = [];

  constructor(
    private readonly text: string,
    private readonly version: PrometheusVersion,
    private readonly features: ParseFeatures,
  ) {}

  private tokens: Token[] = [];

  /** `lexed`: lexPromQL's result for the text and release, when the caller has it. */
  build(lexed: LexResult = lexPromQL(this.text, { version: this.version })): ParseResult {
    // Prometheus's lexer first: its errors, and its tokens for the parser's messages.
    this.tokens = lexed.tokens;
    if (lexed.error) {
      // The parser saw the tokens before the lexical error: a syntax error among them comes first.
      const prefix = this.text.slice(0, lexed.error.tokensEnd);
      const first = this.tokens.length > 0 ? this.firstSyntaxError(prefix) : undefined;
      if (first !== undefined && this.tokenIndexAt(first) < this.tokens.length) {
        this.reportUnexpected(first);
      } else {
        this.fail({ from: lexed.error.offset, to: lexed.error.offset + 1 }, lexed.error.message);
      }
      return { errors: this.errors };
    }
    if (this.tokens.length === 0) {
      this.fail({ from: 0, to: this.text.length }, 'no expression found in input');
      return { errors: this.errors };
    }
    const pass = lexicalPass(this.text);
    if (pass.error) {
      this.fail({ from: pass.error.offset, to: pass.error.offset + 1 }, pass.error.message);
      return { errors: this.errors };
    }
    const tree = grammar().parse(this.maskUnknownFunctions(pass.grammarInput));
    this.syntaxErrors(tree.topNode);
    if (this.errors.length > 0) return { errors: this.errors };
    const top = children(tree.topNode)[0];
    if (!top) {
      this.fail({ from: 0, to: this.text.length }, 'no expression found in input');
      return { errors: this.errors };
    }
    const expr = this.expr(top);
    return { expr: this.errors.length === 0 ? expr : undefined, errors: this.errors };
  }

  // ---- syntax errors from the grammar -------------------------------------------------------------------

  /**
   * Prometheus's grammar reads any identifier before "(" as a function call and refuses unknown names only
   * when it reduces the call; lezer's grammar knows the names. Unknown names are handed to lezer as `ln`
   * (padded to the same length, so offsets stay put); the builder reads the real name from the text.
   */
  private maskUnknownFunctions(input: string): string {
    let out = input;
    let brackets = 0;
    this.tokens.forEach((t, i) => {
      if (t.type === 'LEFT_BRACKET') brackets++;
      else if (t.type === 'RIGHT_BRACKET') brackets--;
      // Inside brackets words are duration functions (`step()`), which the grammar knows.
      if (brackets > 0 || t.type !== 'IDENTIFIER' || this.tokens[i + 1]?.type !== 'LEFT_PAREN' || t.text.length < 2)
        return;
      const fn = FUNCTIONS.get(t.text);
      if (fn && functionExists(fn, this.version) && !GRAMMAR_LACKS.has(t.text)) return;
      if (GRAMMAR_ALIASES[t.text]) return;
      out = out.slice(0, t.from) + 'ln'.padEnd(t.text.length, ' ') + out.slice(t.to);
    });
    return out;
  }

  /** The offset of the first error node lezer finds in `text`, if any. */
  private firstSyntaxError(text: string): number | undefined {
    const pass = lexicalPass(text);
    const tree = grammar().parse(this.maskUnknownFunctions(pass.grammarInput));
    let found: number | undefined;
    tree.topNode.cursor().iterate((n) => {
      if (found !== undefined) return false;
      if (n.type.isError) found = n.from;
      return undefined;
    });
    return found;
  }

  private syntaxErrors(top: SyntaxNode): void {
    let syntaxAt: number | undefined;
    const cursor = top.cursor();
    do {
      if (cursor.type.isError) {
        syntaxAt = cursor.from;
        break;
      }
    } while (cursor.next());
    const grammarOnly = this.tokenSyntaxError();
    if (grammarOnly !== undefined && (syntaxAt === undefined || grammarOnly < syntaxAt)) syntaxAt = grammarOnly;
    const unknownFn = this.unknownFunction(top);
    // Prometheus finds an unknown function when it reduces the call, after its closing parenthesis.
    if (unknownFn && (syntaxAt === undefined || unknownFn.callEnd <= syntaxAt)) {
      const tokenIndex = this.tokenIndexAt(unknownFn.from);
      const token = this.tokens[tokenIndex];
      if (token && token.type === 'KEYWORD') {
        // `start(` / `end(`: keywords, so the parenthesis is what does not fit.
        this.reportUnexpected(this.tokens[tokenIndex + 1]?.from ?? this.text.length);
        return;
      }
      this.fail(unknownFn, `unknown function with name "${this.src(unknownFn)}"`);
      return;
    }
    if (syntaxAt !== undefined) this.reportUnexpected(syntaxAt);
  }

  /** The first call of a function this release does not have, with the end of its argument list. */
  private unknownFunction(_top: SyntaxNode): (ast.Span & { callEnd: number }) | undefined {
    for (let i = 0; i < this.tokens.length - 1; i++) {
      const t = this.tokens[i];
      if (this.tokens[i + 1].type !== 'LEFT_PAREN') continue;
      if (t.type === 'IDENTIFIER') {
        const fn = FUNCTIONS.get(t.text);
        if (fn && functionExists(fn, this.version)) continue;
        return { from: t.from, to: t.to, callEnd: this.closingParen(t.to) };
      }
      if (
        t.type === 'KEYWORD' &&
        /^(start|end)$/i.test(t.text) &&
        this.tokens[i - 1]?.type !== 'AT' &&
        !this.features.durationExpressions
      ) {
        return { from: t.from, to: t.to, callEnd: this.tokens[i + 1].from };
      }
    }
    return undefined;
  }

  /**
   * Syntax errors of the release's grammar that lezer's newer grammar accepts: an aggregation this release
   * lacks written with `by`/`without` (`limitk by (a)` in 2.x), a duration where an expression belongs (2.x).
   */
  private tokenSyntaxError(): number | undefined {
    const t = this.tokens;
    for (let i = 1; i < t.length; i++) {
      const prev = t[i - 1];
      if (
        t[i].type === 'KEYWORD' &&
        /^(by|without)$/i.test(t[i].text) &&
        prev.type === 'IDENTIFIER' &&
        AGGREGATIONS.has(prev.text.toLowerCase())
      )
        return t[i].from;
      if (t[i].type === 'DURATION' && !isAtLeast(this.version, '3.0')) {
        // A function argument: `predict_linear(x[1h], 1h)`.
        if (prev.type === 'COMMA' || (prev.type === 'LEFT_PAREN' && t[i - 2]?.type === 'IDENTIFIER')) return t[i].from;
      }
    }
    return undefined;
  }

  /** The end of the parenthesised list that starts after `from` (or the end of the text). */
  private closingParen(from: number): number {
    let depth = 0;
    for (const t of this.tokens) {
      if (t.from < from) continue;
      if (t.type === 'LEFT_PAREN') depth++;
      else if (t.type === 'RIGHT_PAREN' && --depth === 0) return t.to;
    }
    return this.text.length;
  }

  /** The index of the first token ending after `offset` (tokens.length when none: the end of input). */
  private tokenIndexAt(offset: number): number {
    const i = this.tokens.findIndex((t) => t.to > offset);
    return i < 0 ? this.tokens.length : i;
  }

  /** Reports Prometheus's "unexpected <token> [in <context>][, expected <what>]" for the token at `offset`. */
  private reportUnexpected(offset: number): void {
    const i = this.tokenIndexAt(offset);
    const token = this.tokens[i];
    const prev = this.tokens[i - 1];
    const span = token ? { from: token.from, to: token.to } : { from: this.text.length, to: this.text.length };
    const ctx = this.parserContext(i);
    const prevType = prev?.type;
    if (
      token?.type === 'DURATION' &&
      (prevType === 'LEFT_BRACKET' || prevType === 'COLON' || ctx === ' in offset, expected duration')
    ) {
      // A duration where one belongs that Prometheus's lexer took but cannot parse (`5m1h`, `1.5h`, `m`).
      const d = parseDuration(token.text);
      if (!d.ok) {
        this.fail(span, d.error);
        return;
      }
    }
    if (token?.type === 'NUMBER' && ctx === '' && parseNumber(token.text) === undefined) {
      this.fail(
        span,
        `error parsing number: strconv.ParseFloat: parsing ${JSON.stringify(token.text)}: invalid syntax`,
      );
      return;
    }
    if (ctx === 'trailing-comma') {
      this.fail(prev, 'trailing commas not allowed in function call args');
      return;
    }
    this.fail(span, `unexpected ${describeToken(token)}${ctx}`);
  }

  /**
   * What Prometheus's grammar was reading when token `i` did not fit, as its error productions word it
   * (` in grouping opts, expected "("`, ` in label matching, expected string`, ...), from the tokens before it.
   */
  private parserContext(i: number): string {
    type Open = { kind: 'paren' | 'call' | 'grouping' | 'brace' | 'bracket'; colon: boolean; aggGrouping: boolean };
    const stack: Open[] = [];
    let closedAggGrouping = -1;
    const t = this.tokens;
    const word = (k: number): string => (t[k] ? t[k].text.toLowerCase() : '');
    for (let k = 0; k < i; k++) {
      const tok = t[k];
      if (tok.type === 'LEFT_PAREN') {
        const before = word(k - 1);
        if (t[k - 1]?.type === 'KEYWORD' && GROUPING_WORDS.has(before)) {
          stack.push({
            kind: 'grouping',
            colon: false,
            aggGrouping: (before === 'by' || before === 'without') && t[k - 2]?.type === 'AGGREGATOR',
          });
        } else {
          const call =
            t[k - 1]?.type === 'IDENTIFIER' ||
            t[k - 1]?.type === 'AGGREGATOR' ||
            (t[k - 1]?.type === 'RIGHT_PAREN' && closedAggGrouping === k - 1);
          stack.push({ kind: call ? 'call' : 'paren', colon: false, aggGrouping: false });
        }
      } else if (tok.type === 'RIGHT_PAREN') {
        const open = stack.pop();
        if (open?.aggGrouping) closedAggGrouping = k;
      } else if (tok.type === 'LEFT_BRACE') stack.push({ kind: 'brace', colon: false, aggGrouping: false });
      else if (tok.type === 'RIGHT_BRACE') stack.pop();
      else if (tok.type === 'LEFT_BRACKET') stack.push({ kind: 'bracket', colon: false, aggGrouping: false });
      else if (tok.type === 'RIGHT_BRACKET') stack.pop();
      else if (tok.type === 'COLON' && stack.length > 0) stack[stack.length - 1].colon = true;
    }
    const top = stack[stack.length - 1];
    const prev = t[i - 1];
    if (!prev) return '';
    const p = prev.text.toLowerCase();
    if (top?.kind === 'brace') {
      if (prev.type === 'LEFT_BRACE' || prev.type === 'COMMA') return ' in label matching, expected identifier or "}"';
      if (prev.type === 'IDENTIFIER') return ' in label matching, expected label matching operator';
      if (
        prev.type === 'EQL' ||
        prev.type === 'EQL_REGEX' ||
        prev.type === 'NEQ_REGEX' ||
        (prev.type === 'OPERATOR' && p === '!=')
      )
        return ' in label matching, expected string';
      if (prev.type === 'STRING') return ' in label matching, expected "," or "}"';
      return '';
    }
    if (top?.kind === 'grouping') {
      if (prev.type === 'LEFT_PAREN' || prev.type === 'COMMA') return ' in grouping opts, expected label';
      return ' in grouping opts, expected "," or ")"';
    }
    const beforePrev = word(i - 2);
    const bp = t[i - 2]?.type;
    if (prev.type === 'KEYWORD' && GROUPING_WORDS.has(p)) {
      const modifier =
        p === 'by' || p === 'without'
          ? bp === 'AGGREGATOR' || bp === 'RIGHT_PAREN'
          : p === 'on' || p === 'ignoring'
            ? bp === 'OPERATOR' || beforePrev === 'bool'
            : bp === 'RIGHT_PAREN' || beforePrev === 'on' || beforePrev === 'ignoring';
      if (modifier) return ' in grouping opts, expected "("';
    }
    // `@` then a sign, or `start(`/`end(`: still the @ modifier.
    for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
      if (t[k].type === 'AT') return ' in @, expected timestamp';
      if (
        !(t[k].type === 'OPERATOR' && (t[k].text === '-' || t[k].text === '+')) &&
        !/^(start|end|\()$/i.test(t[k].text)
      )
        break;
    }
    if (
      (prev.type === 'KEYWORD' && p === 'offset') ||
      (prev.type === 'OPERATOR' && p === '-' && beforePrev === 'offset')
    )
      return ' in offset, expected duration';
    if (top?.kind === 'bracket')
      return top.colon
        ? ' in subquery selector, expected duration or "]"'
        : ' in subquery or range, expected ":" or "]"';
    if (prev.type === 'COMMA' && top?.kind === 'call') return 'trailing-comma';
    if (prev.type === 'AGGREGATOR' || (prev.type === 'RIGHT_PAREN' && closedAggGrouping === i - 1))
      return ' in aggregation';
    return '';
  }

  // ---- expressions --------------------------------------------------------------------------------------

  private expr(node: SyntaxNode): ast.Expr | undefined {
    const span = { from: node.from, to: node.to };
    const kids = children(node);
    switch (node.name) {
      case 'ParenExpr': {
        const inner = kids[0] && this.expr(kids[0]);
        return inner && { kind: 'paren', ...span, expr: inner };
      }
      case 'NumberDurationLiteral':
        return this.numberLiteral(node);
      case 'StringLiteral':
        return this.stringLiteral(node);
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node, kids);
      case 'SubqueryExpr':
        return this.subquery(node, kids);
      case 'OffsetExpr':
        return this.offset(node, kids);
      case 'StepInvariantExpr':
        return this.at(node, kids);
      case 'FunctionCall':
        return this.call(node, kids);
      case 'AggregateExpr':
        return this.aggregate(node, kids);
      case 'BinaryExpr':
        return this.binary(node, kids);
      case 'UnaryExpr': {
        const inner = kids[1] && this.expr(kids[1]);
        const op = this.src(kids[0]) === '-' ? '-' : '+';
        if (inner && inner.kind === 'number')
          return { ...inner, ...span, value: op === '-' ? -inner.value : inner.value };
        return inner && { kind: 'unary', ...span, op, expr: inner };
      }
      case 'AnchoredExpr':
      case 'SmoothedExpr': {
        const modifier = node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
        if (!isAtLeast(this.version, '3.7')) {
          const word = this.tokens.find((t) => t.from >= span.from && t.to <= span.to && t.text === modifier);
          this.reportUnexpected(word ? word.from : span.from);
          return undefined;
        }
        if (!this.features.extendedRangeSelectors)
          return this.fail(span, `${modifier} modifier is experimental and not enabled`);
        return kids[0] && this.expr(kids[0]);
      }
      case 'DurationExpr':
        if (!this.durationExpressionsEnabled(span)) return undefined;
        return { kind: 'number', ...span, value: 0 };
      default:
        return this.fail(span, `unexpected ${node.name}`);
    }
  }

  private numberLiteral(node: SyntaxNode): ast.NumberLiteral | undefined {
    const span = { from: node.from, to: node.to };
    // `1.e3` was handed to the grammar as `1e3 `; read the literal from the original text.
    const dottedExponent = /^[+-]?(?:\s|#[^\n]*)*[0-9]+\.[eE][+-]?[0-9]+/.exec(this.text.slice(node.from));
    const raw = dottedExponent ? dottedExponent[0] : this.src(node);
    // A sign may be followed by whitespace and comments before the number.
    const m = /^([+-]?)(?:\s|#[^\n]*)*(.*)$/s.exec(raw) as RegExpExecArray;
    const sign = m[1] === '-' ? -1 : 1;
    const body = m[2];
    const value = parseNumber(body);
    if (value !== undefined) {
      const range = numberRangeError(body, value);
      if (range) return this.fail(span, range);
      return { kind: 'number', ...span, value: sign * value };
    }
    const d = parseDuration(body);
    if (!isAtLeast(this.version, '3.0')) {
      this.reportUnexpected(node.from);
      return undefined;
    }
    if (!d.ok) return this.fail(span, d.error);
    return { kind: 'number', ...span, value: (sign * d.ms) / 1000 };
  }

  private stringLiteral(node: SyntaxNode): ast.StringLiteral | undefined {
    const r = unquotePromQLString(this.src(node));
    if (!r.ok) return this.fail({ from: node.from + r.offset, to: node.to }, r.error);
    return { kind: 'string', from: node.from, to: node.to, value: r.value };
  }

  private vectorSelector(node: SyntaxNode): ast.VectorSelector | undefined {
    let name = '';
    const matchers: ast.LabelMatcher[] = [];
    for (const kid of children(node)) {
      if (kid.name === 'Identifier' || kid.name === 'MetricName') {
        name = this.src(kid);
        if (name.toLowerCase() === 'atan2') return this.fail(kid, 'unexpected <op:atan2>');
        matchers.push({ from: kid.from, to: kid.to, name: '__name__', op: '=', value: name });
      } else if (kid.name === 'LabelMatchers') {
        for (const m of children(kid)) {
          const matcher = this.labelMatcher(m);
          if (!matcher) return undefined;
          matchers.push(matcher);
        }
      }
    }
    return { kind: 'vector', from: node.from, to: node.to, name, matchers };
  }

  private labelMatcher(node: SyntaxNode): ast.LabelMatcher | undefined {
    const kids = children(node);
    const span = { from: node.from, to: node.to };
    if (node.name === 'QuotedLabelName') {
      // {"metric.name"}: a metric name inside the braces.
      if (!this.quotedNamesAllowed(node)) return undefined;
      const s = this.stringLiteral(kids[0]);
      return s && { ...span, name: '__name__', op: '=', value: s.value };
    }
    let label: string;
    if (node.name === 'QuotedLabelMatcher') {
      if (!this.quotedNamesAllowed(kids[0])) return undefined;
      const s = this.stringLiteral(children(kids[0])[0]);
      if (!s) return undefined;
      label = s.value;
    } else {
      label = this.src(kids[0]);
    }
    const op = MATCH_OPS[children(kids[1])[0]?.name ?? ''];
    const value = this.stringLiteral(kids[2]);
    if (!op || !value) return op ? undefined : this.fail(span, 'unexpected label matching operator');
    if (op === '=~' || op === '!~') {
      // Go added (?<name>re) in 1.22; Prometheus releases before 2.51 were built with older Go.
      if (!isAtLeast(this.version, '2.51') && hasAngleNamedGroup(value.value)) {
        return this.fail(span, 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`');
      }
      const re = compileMatcherRegex(value.value);
      if (!re.ok) return this.fail(span, re.error);
    }
    return { ...span, name: label, op, value: value.value };
  }

  private quotedNamesAllowed(node: SyntaxNode): boolean {
    if (isAtLeast(this.version, '3.0')) return true;
    this.reportUnexpected(node.from);
    return false;
  }

  private matrixSelector(node: SyntaxNode, kids: SyntaxNode[]): ast.Expr | undefined {
    const inner = this.expr(kids[0]);
    return inner && pushDown(inner, node.to, (e) => this.range(e, node, kids));
  }

  private range(inner: ast.Expr, node: SyntaxNode, kids: SyntaxNode[]): ast.MatrixSelector | undefined {
    const bracket = { from: this.text.indexOf('[', kids[0].to), to: node.to };
    if (inner.kind !== 'vector') return this.fail(bracket, 'ranges only allowed for vector selectors');
    if (inner.at !== undefined) return this.fail(bracket, 'no @ modifiers allowed before range');
    if (inner.offsetMs !== undefined || inner.offsetExpr)
      return this.fail(bracket, 'no offset modifiers allowed before range');
    const rangeMs = this.durationLiteral(kids[1], false);
    if (rangeMs === undefined) return undefined;
    return { kind: 'matrix', from: inner.from, to: node.to, selector: inner, rangeMs };
  }

  private subquery(node: SyntaxNode, kids: SyntaxNode[]): ast.Expr | undefined {
    const inner = this.expr(kids[0]);
    return inner && pushDown(inner, node.to, (e) => this.subqueryOf(e, node, kids));
  }

  private subqueryOf(inner: ast.Expr, node: SyntaxNode, kids: SyntaxNode[]): ast.Subquery | undefined {
    const rangeMs = this.durationLiteral(kids[1], false);
    if (rangeMs === undefined) return undefined;
    let stepMs = 0;
    if (kids[2]) {
      const step = this.durationLiteral(kids[2], false);
      if (step === undefined) return undefined;
      stepMs = step;
    }
    return { kind: 'subquery', from: inner.from, to: node.to, expr: inner, rangeMs, stepMs };
  }

  private offset(node: SyntaxNode, kids: SyntaxNode[]): ast.Expr | undefined {
    const inner = this.expr(kids[0]);
    return inner && pushDown(inner, node.to, (e) => this.offsetOf(e, node, kids));
  }

  private offsetOf(inner: ast.Expr, node: SyntaxNode, kids: SyntaxNode[]): ast.Expr | undefined {
    const durationNode = kids[kids.length - 1];
    const target = modifierTarget(inner);
    const span = { from: inner.from, to: node.to };
    if (!target)
      return this.fail(
        span,
        'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
      );
    if (target.offsetMs !== undefined || target.offsetExpr)
      return this.fail(span, 'offset may not be set multiple times');
    const ms = this.offsetDuration(durationNode);
    if (ms === undefined) return undefined;
    if (ms === 'expr') target.offsetExpr = true;
    else target.offsetMs = ms;
    return { ...inner, to: node.to } as ast.Expr;
  }

  private offsetDuration(node: SyntaxNode): number | 'expr' | undefined {
    const kids = children(node);
    if (node.name === 'OffsetDurationExpr' && kids.length === 2 && kids[0].name === 'UnaryOp') {
      if (this.src(kids[0]) === '+' && !isAtLeast(this.version, '3.0'))
        return this.fail(kids[0], 'unexpected <op:+> in offset, expected duration');
      const next = children(kids[1])[0];
      if (next?.name === 'UnaryOp' && !this.features.durationExpressions)
        return this.fail(next, `unexpected <op:${this.src(next)}> in offset, expected duration`);
      const v = this.offsetDuration(kids[1]);
      if (typeof v !== 'number') return v;
      return this.src(kids[0]) === '-' ? -v : v;
    }
    if (node.name === 'OffsetDurationExpr' && kids.length === 1) return this.offsetDuration(kids[0]);
    if (node.name === 'NumberDurationLiteralInDurationContext') return this.durationText(node, true);
    if (
      node.name === 'DurationExpr' &&
      kids.length === 1 &&
      kids[0].name === 'NumberDurationLiteralInDurationContext'
    ) {
      // `offset (5m)`: parentheses make it a duration expression in Prometheus.
      if (this.src(node) !== this.src(kids[0]) || /^\s*\(/.test(this.text.slice(node.from - 1, node.from + 1))) {
        return this.durationExpressionsEnabled(node) ? 'expr' : undefined;
      }
      return this.durationText(kids[0], true);
    }
    return this.durationExpressionsEnabled(node) ? 'expr' : undefined;
  }

  private at(node: SyntaxNode, kids: SyntaxNode[]): ast.Expr | undefined {
    const inner = this.expr(kids[0]);
    return inner && pushDown(inner, node.to, (e) => this.atOf(e, node, kids));
  }

  private atOf(inner: ast.Expr, node: SyntaxNode, kids: SyntaxNode[]): ast.Expr | undefined {
    const span = { from: inner.from, to: node.to };
    const valueNode = kids[kids.length - 1];
    let at: number | 'start' | 'end';
    if (valueNode.name === 'AtModifierPreprocessors') {
      at = this.src(valueNode).trim().toLowerCase().startsWith('end') ? 'end' : 'start';
    } else {
      const n = valueNode.name === 'NumberDurationLiteral' ? this.numberLiteral(valueNode) : undefined;
      if (!n)
        return n === undefined && valueNode.name === 'NumberDurationLiteral'
          ? undefined
          : this.fail(valueNode, 'unexpected @ modifier value');
      if (!Number.isFinite(n.value) || Math.abs(n.value) >= 9.223372036854776e18) {
        return this.fail(span, `timestamp out of bounds for @ modifier: ${formatFloat(n.value)}`);
      }
      at = n.value;
    }
    const target = modifierTarget(inner);
    if (!target)
      return this.fail(
        span,
        '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
      );
    if (target.at !== undefined) return this.fail(span, '@ <timestamp> may not be set multiple times');
    target.at = at;
    return { ...inner, to: node.to } as ast.Expr;
  }

  private call(node: SyntaxNode, kids: SyntaxNode[]): ast.Call | undefined {
    const idNode = kids[0];
    // The lexer's word, not the grammar's node: a function the grammar lacks was handed to it masked.
    const word = this.tokens.find((t) => t.from === idNode.from) ?? idNode;
    const name = this.text.slice(word.from, word.to);
    const fn = FUNCTIONS.get(name);
    if (!fn || !functionExists(fn, this.version)) return this.fail(word, `unknown function with name "${name}"`);
    if (fn.experimental && !this.features.experimentalFunctions)
      return this.fail(word, `function "${name}" is not enabled`);
    const args: ast.Expr[] = [];
    for (const a of children(kids[1])) {
      const e = this.expr(a);
      if (!e) return undefined;
      args.push(e);
    }
    return { kind: 'call', from: node.from, to: node.to, func: name, args };
  }

  private aggregate(node: SyntaxNode, kids: SyntaxNode[]): ast.Aggregate | undefined {
    const span = { from: node.from, to: node.to };
    const op = this.src(kids[0]).toLowerCase();
    const info = AGGREGATIONS.get(op);
    if (!info || !isAtLeast(this.version, info.since)) {
      this.reportUnexpected(kids[0].to);
      return undefined;
    }
    let grouping: string[] = [];
    let without = false;
    const args: ast.Expr[] = [];
    for (const kid of kids.slice(1)) {
      if (kid.name === 'AggregateModifier') {
        const mk = children(kid);
        without = mk[0].name === 'Without';
        const labels = mk[1] && this.groupingLabels(mk[1]);
        if (!labels) return undefined;
        grouping = labels;
      } else if (kid.name === 'FunctionCallBody') {
        for (const a of children(kid)) {
          const e = this.expr(a);
          if (!e) return undefined;
          args.push(e);
        }
      }
    }
    if (args.length === 0) return this.fail(span, 'no arguments for aggregate expression provided');
    if (info.experimental && !this.features.experimentalFunctions) {
      return this.fail(
        span,
        `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`,
      );
    }
    const want = info.param ? 2 : 1;
    if (args.length !== want) {
      return this.fail(
        span,
        `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`,
      );
    }
    return {
      kind: 'aggregate',
      ...span,
      op,
      grouping,
      without,
      argCount: args.length,
      param: info.param ? args[0] : undefined,
      expr: args[want - 1],
    };
  }

  private groupingLabels(node: SyntaxNode): string[] | undefined {
    const labels: string[] = [];
    for (const l of children(node)) {
      if (l.name === 'QuotedLabelName') {
        if (!this.quotedNamesAllowed(l)) return undefined;
        const s = this.stringLiteral(children(l)[0]);
        if (!s) return undefined;
        labels.push(s.value);
      } else {
        labels.push(this.src(l));
      }
    }
    return labels;
  }

  private binary(node: SyntaxNode, kids: SyntaxNode[]): ast.Expr | undefined {
    const lhs = this.expr(kids[0]);
    const rhs = this.expr(kids[kids.length - 1]);
    if (!lhs || !rhs) return undefined;
    const opNode = kids[1];
    const op = BINARY_OPS[opNode.name];
    if (!op) return this.fail(opNode, `unexpected binary operator "${this.src(opNode)}"`);
    let returnBool = false;
    let matching: ast.VectorMatching | undefined;
    for (const kid of kids.slice(2, -1)) {
      if (kid.name === 'BoolModifier') returnBool = true;
      else if (kid.name === 'FillModifier')
        return this.fail(node, 'binop fill modifiers are experimental and not enabled');
      else if (kid.name === 'MatchingModifierClause') {
        const m = this.matching(kid);
        if (!m) return undefined;
        matching = m;
      }
    }
    return rebind(
      {
        kind: 'binary',
        from: node.from,
        to: node.to,
        op,
        opSpan: { from: opNode.from, to: opNode.to },
        lhs,
        rhs,
        returnBool,
        matching: matching ?? { card: 'one-to-one', on: false, labels: [], include: [], explicit: false },
      },
      this.text,
    );
  }

  private matching(node: SyntaxNode): ast.VectorMatching | undefined {
    let on = false;
    let card: ast.VectorMatching['card'] = 'one-to-one';
    let labels: string[] = [];
    let include: string[] = [];
    let afterGroup = false;
    for (const kid of children(node)) {
      if (kid.name === 'On') on = true;
      else if (kid.name === 'GroupLeft' || kid.name === 'GroupRight') {
        card = kid.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
        afterGroup = true;
      } else if (kid.name === 'GroupingLabels') {
        const l = this.groupingLabels(kid);
        if (!l) return undefined;
        if (afterGroup) include = l;
        else labels = l;
      }
    }
    return { card, on, labels, include, explicit: true };
  }

  // ---- durations ----------------------------------------------------------------------------------------

  /** A range or subquery step: a single positive duration literal, unless duration expressions are on. */
  private durationLiteral(node: SyntaxNode, allowNegative: boolean): number | undefined {
    const kids = children(node);
    if (
      node.name === 'DurationExpr' &&
      kids.length === 1 &&
      kids[0].name === 'NumberDurationLiteralInDurationContext' &&
      this.src(node) === this.src(kids[0])
    ) {
      return this.durationText(kids[0], allowNegative);
    }
    return this.durationExpressionsEnabled(node) ? 1 : undefined;
  }

  private durationText(node: SyntaxNode, allowNegative: boolean): number | undefined {
    const text = this.src(node);
    if (!isAtLeast(this.version, '3.0') && this.tokens[this.tokenIndexAt(node.from)]?.type === 'NUMBER') {
      this.reportUnexpected(node.from);
      return undefined;
    }
    let ms: number;
    if (/^[0-9]*\.?[0-9]+(e[+-]?\d+)?$|^0x[0-9a-f]+$/i.test(text)) {
      if (!isAtLeast(this.version, '3.0')) {
        this.reportUnexpected(node.from);
        return undefined;
      }
      ms = (parseNumber(text) ?? NaN) * 1000;
    } else {
      const d = parseDuration(text);
      if (!d.ok) return this.fail(node, d.error);
      ms = d.ms;
    }
    if (ms === 0 || (!allowNegative && ms < 0)) return this.fail(node, 'duration must be greater than 0');
    // Go's time.Duration holds int64 nanoseconds: about 292 years.
    if (Math.abs(ms) * 1e6 > 9.223372036854776e18) return this.fail(node, 'duration out of range');
    return ms;
  }

  private durationExpressionsEnabled(span: ast.Span): boolean {
    if (!isAtLeast(this.version, '3.4')) {
      // Prometheus's grammar stops at the first token after a plain duration (or at the first one).
      let i = this.tokenIndexAt(span.from);
      while (this.tokens[i - 1]?.type === 'LEFT_PAREN') i--;
      const t = this.tokens[i];
      if (t && (t.type === 'DURATION' || t.type === 'NUMBER') && this.tokens[i + 1] && this.tokens[i + 1].to <= span.to)
        i++;
      if (this.tokens[i] && this.tokens[i].from < span.to) this.reportUnexpected(this.tokens[i].from);
      else this.fail(span, `duration expressions are not supported by Prometheus ${formatVersion(this.version)}`);
      return false;
    }
    if (!this.features.durationExpressions) {
      this.fail(span, 'experimental duration expression is not enabled');
      return false;
    }
    return true;
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  private src(span: ast.Span): string {
    return this.text.slice(span.from, span.to);
  }

  private fail(span: ast.Span, message: string): undefined {
    this.errors.push({ from: span.from, to: span.to, message });
    return undefined;
  }
}

/**
 * Functions the grammar no longer knows but older releases have (holt_winters left in Prometheus 3.0) are
 * parsed under a known name of the same length, so every offset stays put; the checks read the real name
 * from the original text.
 */
const GRAMMAR_ALIASES: Record<string, string> = { holt_winters: 'day_of_month' };
/** Functions of the table lezer-promql's grammar does not know: handed to it masked, as unknown names are. */
const GRAMMAR_LACKS = new Set(['integral']);

/** Words after which an expression starts, so `offset` there is a metric name, not the modifier. */
const OPERATOR_WORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'atan2',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
]);

let lezerParser: LRParser | undefined;
/**
 * lezer-promql's parser, loaded on first use: the fast path answers for most expressions, so a command that
 * only meets those (a small lint, most synths) never pays for loading the grammar's tables.
 */
function grammar(): LRParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lezerParser ??= (require('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql')).parser;
  return lezerParser;
}

/** Characters Prometheus's lexer skips between tokens; lezer skips more (\v, \f, U+00A0, U+2028, ...). */
const PROMETHEUS_SPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * A scan of the text as Prometheus's lexer sees it, outside strings and comments: characters it refuses
 * that the grammar skips, and the same-length rewrites that let lezer read what Prometheus reads
 * (`0X1F` as `0x1F`, `5.` as `5`, aliased function names).
 */
function lexicalPass(text: string): { grammarInput: string; error?: { offset: number; message: string } } {
  // Edits are rare: the text is split into characters only when one is needed.
  let out: string[] | undefined;
  const edit = (): string[] => (out ??= text.split(''));
  let i = 0;
  let afterOperand = false; // whether the last token ended an operand (a name, number, string, ')', ']' or '}')
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      afterOperand = true;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (PROMETHEUS_SPACE.has(c)) {
      i++;
    } else if (ANY_SPACE.test(c)) {
      return { grammarInput: text, error: { offset: i, message: `unexpected character: ${goQuoteRune(c)}` } };
    } else if (NAME_START.test(c)) {
      WORD.lastIndex = i;
      const word = WORD.exec(text)?.[0] ?? c;
      const alias = GRAMMAR_ALIASES[word];
      if (alias) {
        OPEN_PAREN.lastIndex = i + word.length;
        if (OPEN_PAREN.test(text)) edit().splice(i, word.length, ...alias.split(''));
      }
      const lower = word.toLowerCase();
      // Prometheus reads `offset` where an operand is expected as a metric name; the grammar never does.
      if (lower === 'offset' && !afterOperand) edit().splice(i, word.length, 'x', ...word.slice(1).split(''));
      afterOperand = !(OPERATOR_WORDS.has(lower) && (lower !== 'offset' || afterOperand));
      i += word.length;
    } else if (NUMBER_START.test(c)) {
      NUMBER.lastIndex = i;
      const num = NUMBER.exec(text)?.[0] || c;
      if (num.startsWith('0X')) edit()[i + 1] = 'x';
      if (/^[0-9]+\.[eE]/.test(num)) {
        // `1.e3`: Go reads it, the grammar does not; drop the dot and pad, keeping the token's extent.
        const dot = num.indexOf('.');
        edit().splice(i, num.length, ...(num.slice(0, dot) + num.slice(dot + 1) + ' ').split(''));
      }
      if (/^[0-9]+\.$/.test(num) && !/[\w]/.test(text[i + num.length] ?? '')) edit()[i + num.length - 1] = ' ';
      i += num.length;
      afterOperand = true;
    } else {
      afterOperand = c === ')' || c === ']' || c === '}';
      i++;
    }
  }
  return { grammarInput: out ? out.join('') : text };
}

const ANY_SPACE = /\s/;
const NAME_START = /[A-Za-z_:]/;
const NUMBER_START = /[0-9.]/;
const WORD = /[A-Za-z_:][\w:]*/y;
const OPEN_PAREN = /\s*\(/y;
const NUMBER = /0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?/y;

/** The offset just past the string literal starting at `start` (or the end of the text). */
function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' && quote !== '`' ? 2 : 1;
  return i + 1;
}

/**
 * Applies a postfix (range, subquery, offset, `@`) to the operand it binds to in Prometheus's grammar. Lezer
 * lets postfixes bind looser than unary and binary operators (`a + b offset 1h` as `(a + b) offset 1h`);
 * Prometheus binds them to the nearest operand (`a + (b offset 1h)`, `-(foo[5m:])`).
 */
function pushDown(e: ast.Expr, to: number, apply: (e: ast.Expr) => ast.Expr | undefined): ast.Expr | undefined {
  if (e.kind === 'binary') {
    const rhs = pushDown(e.rhs, to, apply);
    return rhs && { ...e, rhs, to };
  }
  if (e.kind === 'unary') {
    const inner = pushDown(e.expr, to, apply);
    return inner && { ...e, expr: inner, to };
  }
  return apply(e);
}

/**
 * A binary operation bound as Prometheus binds it, where lezer's tree differs (checked with promtool):
 * - an operator after a postfixed operand (`a + b offset 5m * c`): lezer wraps `a + b` in the postfix, pushDown
 *   moves the postfix back onto `b`, and the tighter operator must then take `b offset 5m` from the looser one:
 *   `a + (b offset 5m * c)`. An unparenthesized binary left operand that binds looser than its operator only
 *   arises this way (parentheses make a `paren` node);
 * - `^` after a signed operand (`-1 ^ 2`, `-a ^ 2`): unary signs bind looser than `^`, so it is `-(1 ^ 2)`.
 */
function rebind(b: ast.Binary, text: string): ast.Expr {
  const l = b.lhs;
  const prec = ast.BINARY_PRECEDENCE;
  if (l.kind === 'binary' && (prec[l.op] < prec[b.op] || (prec[l.op] === prec[b.op] && b.op === '^')))
    return { ...l, to: b.to, rhs: rebind({ ...b, from: l.rhs.from, lhs: l.rhs }, text) };
  if (b.op !== '^') return b;
  if (l.kind === 'unary') return { ...l, to: b.to, expr: rebind({ ...b, from: l.expr.from, lhs: l.expr }, text) };
  const sign = l.kind === 'number' ? /^([+-])(?:\s|#[^\n]*)*/.exec(text.slice(l.from, l.to)) : null;
  if (l.kind !== 'number' || !sign) return b;
  // A signed number literal is a folded unary sign: unfold it around the power.
  const unsigned: ast.NumberLiteral = {
    ...l,
    from: l.from + sign[0].length,
    value: sign[1] === '-' ? -l.value : l.value,
  };
  return {
    kind: 'unary',
    from: l.from,
    to: b.to,
    op: sign[1] as '+' | '-',
    expr: rebind({ ...b, from: unsigned.from, lhs: unsigned }, text),
  };
}

/** Whether a regex has `(?<` (a named group, or a lookbehind) outside escapes and character classes: Go before 1.22 refuses both. */
function hasAngleNamedGroup(re: string): boolean {
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (re.startsWith('(?<', i)) return true;
  }
  return false;
}

/** The node an offset or `@` modifier attaches to, as Prometheus's addOffset/setTimestamp choose it. */
function modifierTarget(e: ast.Expr): ast.Modifiers | undefined {
  if (e.kind === 'vector' || e.kind === 'subquery') return e;
  if (e.kind === 'matrix') return e.selector;
  return undefined;
}

/** The children of a node, comments left out. */
function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
}

/** Go's strconv verdict on a number literal JavaScript reads without complaint: overflowing values. */
function numberRangeError(text: string, value: number): string | undefined {
  if (/^0x/i.test(text) && BigInt(text) > 9223372036854775807n) {
    return `error parsing number: strconv.ParseFloat: parsing "${text}": invalid syntax`;
  }
  if (!Number.isFinite(value) && !/^[+-]?inf$/i.test(text) && !/^nan$/i.test(text)) {
    return `error parsing number: strconv.ParseFloat: parsing "${text}": value out of range`;
  }
  return undefined;
}

/** Parses a PromQL number as Prometheus's lexer and strconv do: decimal, exponent, hex, Inf and NaN. */
export function parseNumber(text: string): number | undefined {
  const t = text.toLowerCase();
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === 'nan') return NaN;
  if (/^0x[0-9a-f]+$/.test(t)) return Number(t);
  if (/^([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?$/.test(t)) return Number(t);
  return undefined;
}

function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return v.toFixed(6);
}
