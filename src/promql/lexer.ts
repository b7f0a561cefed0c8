/**
 * Prometheus's PromQL lexer (promql/parser/lex.go), state for state: the tokens Prometheus's parser sees and
 * the lexical errors it reports, in its words and at its positions. lezer-promql's tokenizer is more lenient
 * (it reads `80and` as `80 and`, `1e3x` as `1e3 x`, skips `\v`); running this first makes the verdict and the
 * first error Prometheus's.
 */
import { AGGREGATIONS } from './functions';
import { formatRune } from './strings';
import { isAtLeast, type PrometheusVersion } from './version';

/** Token types, named as Prometheus names them (ItemType). */
export type TokenType =
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'COMMA'
  | 'COLON'
  | 'AT'
  | 'EQL'
  | 'EQL_REGEX'
  | 'NEQ_REGEX'
  | 'OPERATOR'
  | 'AGGREGATOR'
  | 'KEYWORD';

/** One token: its type, its text and where it starts (UTF-16 offset). */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

/** A lexical error: Prometheus's message, where it reports it, and where the token it was reading began. */
export interface LexError {
  readonly message: string;
  /** The offset Prometheus reports (its lexer's `start`). */
  readonly offset: number;
  /** The parser saw every token before this offset and none after. */
  readonly tokensEnd: number;
}

export interface LexResult {
  readonly tokens: Token[];
  readonly error?: LexError;
}

const OPERATOR_WORDS = new Set(['and', 'or', 'unless', 'atan2']);
const KEYWORD_WORDS = new Set([
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'start',
  'end',
]);

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAlphaNumeric = (c: string): boolean => isAlpha(c) || isDigit(c);

/** A rune as Go's `%q` writes it: 'a', '\v', '\x00', '\u200b'. */
export function goQuoteRune(c: string): string {
  const named: Record<string, string> = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
    '\\': '\\\\',
    "'": "\\'",
  };
  if (named[c]) return `'${named[c]}'`;
  const cp = c.codePointAt(0) ?? 0;
  if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c) || c === ' ') return `'${c}'`;
  if (cp < 0x80) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  if (cp <= 0xffff) return `'\\u${cp.toString(16).padStart(4, '0')}'`;
  return `'\\U${cp.toString(16).padStart(8, '0')}'`;
}

/** The keyword/operator/aggregator type of a word (uncached), if it is one (any letter case, as Prometheus reads them). */
function wordTypeOf(word: string, version: PrometheusVersion | undefined): TokenType | undefined {
  const lower = word.toLowerCase();
  if (OPERATOR_WORDS.has(lower)) return 'OPERATOR';
  const agg = AGGREGATIONS.get(lower);
  if (agg && (!version || isAtLeast(version, agg.since))) return 'AGGREGATOR';
  if (KEYWORD_WORDS.has(lower)) return 'KEYWORD';
  if ((lower === 'smoothed' || lower === 'anchored') && (!version || isAtLeast(version, '3.7'))) return 'KEYWORD';
  if (lower === 'inf' || lower === 'nan') return 'NUMBER';
  return undefined;
}

/** wordTypeOf's answers by release (versions are shared objects) and word: rule sets repeat their words. */
const wordTypes = new WeakMap<PrometheusVersion, Map<string, TokenType | null>>();
const wordTypesLatest = new Map<string, TokenType | null>();

/** The keyword/operator/aggregator type of a word, if it is one (any letter case, as Prometheus reads them). */
function wordType(word: string, version: PrometheusVersion | undefined): TokenType | undefined {
  let cache = wordTypesLatest;
  if (version) {
    cache = wordTypes.get(version) ?? new Map();
    if (cache.size === 0) wordTypes.set(version, cache);
  }
  let type = cache.get(word);
  if (type === undefined) {
    if (cache.size > 10_000) cache.clear();
    type = wordTypeOf(word, version) ?? null;
    cache.set(word, type);
  }
  return type ?? undefined;
}

/** Options of {@link lexPromQL}. */
export interface LexOptions {
  /** The release whose keywords apply (limitk is one from 3.0, anchored from 3.7). @default the latest */
  readonly version?: PrometheusVersion;
}

/** Lexes `text` as Prometheus does; stops at the first lexical error. */
export function lexPromQL(text: string, options: LexOptions = {}): LexResult {
  return new Lexer(text, options.version).run();
}

const digitVal = (c: string): number => {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
  if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 55;
  return 16;
};

/** lex.go's state machine; methods rather than closures, so a call allocates one object (issue 17). */
class Lexer {
  private readonly tokens: Token[] = [];
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private braceOpen = false;
  private bracketOpen = false;
  private gotColon = false;
  /** 3.4+ reads duration expressions (`step()`, `min(5m, step())`) inside brackets: words are words there. */
  private readonly wordsInBrackets: boolean;
  /** 3.x reads numbers of seconds (`foo[300]`) and, behind a flag, duration expressions in brackets. */
  private readonly numbersInBrackets: boolean;

  constructor(
    private readonly text: string,
    private readonly version: PrometheusVersion | undefined,
  ) {
    this.wordsInBrackets = !version || isAtLeast(version, '3.4');
    this.numbersInBrackets = !version || isAtLeast(version, '3.0');
  }

  private at(i: number): string {
    return i < this.text.length ? this.text[i] : '';
  }

  private emit(type: TokenType): void {
    this.tokens.push({ type, text: this.text.slice(this.start, this.pos), from: this.start, to: this.pos });
    this.start = this.pos;
  }

  private fail(message: string, tokensEnd = this.start): LexResult {
    return { tokens: this.tokens, error: { message, offset: this.start, tokensEnd } };
  }

  private accept(valid: string): boolean {
    if (this.pos < this.text.length && valid.includes(this.text[this.pos])) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  /** The next character as Go's next(): '' at the end. Consumes a whole code point. */
  private next(): string {
    const text = this.text;
    if (this.pos >= text.length) {
      this.pos = text.length + 1; // so that a backup() lands on the end
      return '';
    }
    const code = text.charCodeAt(this.pos);
    if (code < 0xd800 || code > 0xdbff) return text[this.pos++];
    const c = String.fromCodePoint(text.codePointAt(this.pos) ?? code);
    this.pos += c.length;
    return c;
  }

  private scanNumber(): boolean {
    let digits = '0123456789';
    if (this.accept('0') && this.accept('xX')) digits = '0123456789abcdefABCDEF';
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789');
    }
    return !isAlphaNumeric(this.at(this.pos));
  }

  private acceptRemainingDuration(): boolean {
    if (!this.accept('smhdwy')) return false;
    this.accept('s');
    while (this.accept('0123456789')) {
      this.acceptRun('0123456789');
      if (!this.accept('smhdw')) return false;
      this.accept('s');
    }
    const c = this.next();
    return !isAlphaNumeric(c);
  }

  /** lexEscape: undefined when the escape is good, else the error. */
  private lexEscape(quote: string): string | undefined {
    let ch = this.next();
    let n: number;
    let base: number;
    let max: number;
    if ('abfnrtv\\'.includes(ch) && ch !== '') return undefined;
    if (ch === quote) return undefined;
    if (ch >= '0' && ch <= '7' && ch !== '') [n, base, max] = [3, 8, 255];
    else if (ch === 'x') {
      ch = this.next();
      [n, base, max] = [2, 16, 255];
    } else if (ch === 'u') {
      ch = this.next();
      [n, base, max] = [4, 16, 0x10ffff];
    } else if (ch === 'U') {
      ch = this.next();
      [n, base, max] = [8, 16, 0x10ffff];
    } else if (ch === '') return 'escape sequence not terminated';
    else return `unknown escape sequence ${formatRune(ch.codePointAt(0) ?? 0)}`;
    let x = 0;
    while (n > 0) {
      const d = digitVal(ch);
      if (d >= base) {
        if (ch === '') return 'escape sequence not terminated';
        return `illegal character ${formatRune(ch.codePointAt(0) ?? 0)} in escape sequence`;
      }
      x = x * base + d;
      n--;
      if (n > 0) ch = this.next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) return 'escape sequence is an invalid Unicode code point';
    return undefined;
  }

  private lexString(quote: string): LexResult | undefined {
    for (;;) {
      const c = this.next();
      if (c === '\\') {
        const e = this.lexEscape(quote);
        if (e) return this.fail(e);
      } else if (c === '\ufffd') return this.fail('invalid UTF-8 rune');
      else if (c === '' || c === '\n') return this.fail('unterminated quoted string');
      else if (c === quote) break;
    }
    this.emit('STRING');
    return undefined;
  }

  private lexRawString(): LexResult | undefined {
    for (;;) {
      const c = this.next();
      if (c === '\ufffd') return this.fail('invalid UTF-8 rune');
      if (c === '') return this.fail('unterminated raw string');
      if (c === '`') break;
    }
    this.emit('STRING');
    return undefined;
  }

  private lexNumberOrDuration(): LexResult | undefined {
    if (this.scanNumber()) {
      this.emit('NUMBER');
      return undefined;
    }
    if (this.acceptRemainingDuration()) {
      this.pos--; // backup: the character after the duration is not part of it
      this.emit('DURATION');
      return undefined;
    }
    return this.fail(
      `bad number or duration syntax: ${JSON.stringify(this.text.slice(this.start, Math.min(this.pos, this.text.length)))}`,
    );
  }

  private lexDuration(): LexResult | undefined {
    if (this.scanNumber()) return this.fail('missing unit character in duration');
    if (!this.acceptRemainingDuration())
      return this.fail(
        `bad duration syntax: ${JSON.stringify(this.text.slice(this.start, Math.min(this.pos, this.text.length)))}`,
      );
    this.pos--;
    this.emit('DURATION');
    return undefined;
  }

  run(): LexResult {
    const text = this.text;
    const version = this.version;
    const tokens = this.tokens;
    for (;;) {
      this.start = this.pos;
      if (text.startsWith('#', this.pos)) {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (this.braceOpen) {
        const r = this.next();
        let result: LexResult | undefined;
        if (r === '') return this.fail('unexpected end of input inside braces');
        if (isSpace(r)) continue;
        if (isAlpha(r)) {
          while (isAlphaNumeric(this.at(this.pos))) this.pos++;
          this.emit('IDENTIFIER');
        } else if (r === ',') this.emit('COMMA');
        else if (r === '"' || r === "'") result = this.lexString(r);
        else if (r === '`') result = this.lexRawString();
        else if (r === '=') {
          if (this.at(this.pos) === '~') {
            this.pos++;
            this.emit('EQL_REGEX');
          } else this.emit('EQL');
        } else if (r === '!') {
          const nr = this.next();
          if (nr === '~') this.emit('NEQ_REGEX');
          else if (nr === '=') this.emit('OPERATOR');
          else
            return this.fail(`unexpected character after '!' inside braces: ${goQuoteRune(nr === '' ? '\ufffd' : nr)}`);
        } else if (r === '{') return this.fail(`unexpected left brace ${goQuoteRune(r)}`);
        else if (r === '}') {
          this.emit('RIGHT_BRACE');
          this.braceOpen = false;
        } else return this.fail(`unexpected character inside braces: ${goQuoteRune(r)}`);
        if (result) return result;
        continue;
      }
      const r = this.next();
      let result: LexResult | undefined;
      if (r === '') {
        this.pos = text.length;
        this.start = this.pos;
        if (this.parenDepth !== 0) return this.fail('unclosed left parenthesis');
        if (this.bracketOpen) return this.fail('unclosed left bracket');
        return { tokens };
      }
      if (isSpace(r)) continue;
      if (r === ',') this.emit('COMMA');
      else if ('*/%+-^'.includes(r)) this.emit('OPERATOR');
      else if (r === '=') {
        const t = this.at(this.pos);
        if (t === '=') {
          this.pos++;
          this.emit('OPERATOR');
        } else if (t === '~') return this.fail(`unexpected character after '=': ${goQuoteRune(t)}`);
        else this.emit('EQL');
      } else if (r === '!') {
        const t = this.next();
        if (t === '=') this.emit('OPERATOR');
        else return this.fail(`unexpected character after '!': ${goQuoteRune(t === '' ? '\ufffd' : t)}`);
      } else if (r === '<' || r === '>') {
        if (this.at(this.pos) === '=') this.pos++;
        this.emit('OPERATOR');
      } else if (isDigit(r) || (r === '.' && isDigit(this.at(this.pos)))) {
        this.pos = this.start;
        result = this.lexNumberOrDuration();
      } else if (r === '"' || r === "'") result = this.lexString(r);
      else if (r === '`') result = this.lexRawString();
      else if (isAlpha(r) || r === ':') {
        if (!this.bracketOpen || (this.wordsInBrackets && r !== ':')) {
          while (isAlphaNumeric(this.at(this.pos)) || this.at(this.pos) === ':') this.pos++;
          const word = text.slice(this.start, this.pos);
          this.emit(wordType(word, version) ?? (word.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER'));
        } else {
          if (this.gotColon) return this.fail(`unexpected colon ${goQuoteRune(r)}`);
          this.emit('COLON');
          this.gotColon = true;
        }
      } else if (r === '(') {
        this.emit('LEFT_PAREN');
        this.parenDepth++;
      } else if (r === ')') {
        const tokensEnd = this.start;
        this.emit('RIGHT_PAREN');
        this.parenDepth--;
        if (this.parenDepth < 0) {
          tokens.pop();
          return this.fail(`unexpected right parenthesis ${goQuoteRune(r)}`, tokensEnd);
        }
      } else if (r === '{') {
        this.emit('LEFT_BRACE');
        this.braceOpen = true;
      } else if (r === '[') {
        if (this.bracketOpen) return this.fail(`unexpected left bracket ${goQuoteRune(r)}`);
        this.gotColon = false;
        this.emit('LEFT_BRACKET');
        while (isSpace(this.at(this.pos))) this.pos++;
        this.start = this.pos;
        this.bracketOpen = true;
        if (this.numbersInBrackets) {
          if (isDigit(this.at(this.pos)) || (this.at(this.pos) === '.' && isDigit(this.at(this.pos + 1))))
            result = this.lexNumberOrDuration();
        } else result = this.lexDuration();
      } else if (r === ']') {
        if (!this.bracketOpen) return this.fail(`unexpected right bracket ${goQuoteRune(r)}`);
        this.emit('RIGHT_BRACKET');
        this.bracketOpen = false;
      } else if (r === '@') this.emit('AT');
      else return this.fail(`unexpected character: ${goQuoteRune(r)}`);
      if (result) return result;
    }
  }
}

/**
 * How Prometheus's parser names a token in "unexpected ..." messages (Item.desc): `identifier "foo"`,
 * `number "5"`, `"("`, `<op:+>`, `<aggr:sum>`, `<by>`, `end of input`.
 */
export function describeToken(t: Token | undefined): string {
  if (!t) return 'end of input';
  const quoted = (s: string): string => (s.length > 10 ? `${goQuote(s.slice(0, 10))}...` : goQuote(s));
  switch (t.type) {
    case 'IDENTIFIER':
      return `identifier ${goQuote(t.text)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${goQuote(t.text)}`;
    case 'NUMBER':
      return `number ${quoted(t.text)}`;
    case 'DURATION':
      return `duration ${quoted(t.text)}`;
    case 'STRING':
      return `string ${quoted(t.text)}`;
    case 'OPERATOR':
      return `<op:${t.text}>`;
    case 'AGGREGATOR':
      return `<aggr:${t.text}>`;
    case 'KEYWORD':
      return `<${t.text}>`;
    case 'COLON':
      return '":"';
    default:
      return goQuote(t.text);
  }
}

/** A string as Go's `%q` writes it (close to JSON for the text PromQL holds). */
export function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c) || c === ' ') out += c;
    else {
      const q = goQuoteRune(c);
      out += q.slice(1, -1);
    }
  }
  return `${out}"`;
}
