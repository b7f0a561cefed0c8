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

/** The keyword/operator/aggregator type of a word, if it is one (any letter case, as Prometheus reads them). */
function wordType(word: string, version: PrometheusVersion | undefined): TokenType | undefined {
  const lower = word.toLowerCase();
  if (OPERATOR_WORDS.has(lower)) return 'OPERATOR';
  const agg = AGGREGATIONS.get(lower);
  if (agg && (!version || isAtLeast(version, agg.since))) return 'AGGREGATOR';
  if (KEYWORD_WORDS.has(lower)) return 'KEYWORD';
  if ((lower === 'smoothed' || lower === 'anchored') && (!version || isAtLeast(version, '3.7'))) return 'KEYWORD';
  if (lower === 'inf' || lower === 'nan') return 'NUMBER';
  return undefined;
}

/** Options of {@link lexPromQL}. */
export interface LexOptions {
  /** The release whose keywords apply (limitk is one from 3.0, anchored from 3.7). @default the latest */
  readonly version?: PrometheusVersion;
}

/** Lexes `text` as Prometheus does; stops at the first lexical error. */
export function lexPromQL(text: string, options: LexOptions = {}): LexResult {
  const version = options.version;
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;
  let gotColon = false;
  const at = (i: number): string => (i < text.length ? text[i] : '');
  const emit = (type: TokenType): void => {
    tokens.push({ type, text: text.slice(start, pos), from: start, to: pos });
    start = pos;
  };
  const fail = (message: string, tokensEnd = start): LexResult => ({
    tokens,
    error: { message, offset: start, tokensEnd },
  });
  const accept = (valid: string): boolean => {
    if (pos < text.length && valid.includes(text[pos])) {
      pos++;
      return true;
    }
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid));
  };
  /** The next character as Go's next(): '' at the end. Consumes a whole code point. */
  const next = (): string => {
    if (pos >= text.length) {
      pos = text.length + 1; // so that a backup() lands on the end
      return '';
    }
    const code = text.charCodeAt(pos);
    if (code < 0xd800 || code > 0xdbff) return text[pos++];
    const c = String.fromCodePoint(text.codePointAt(pos) ?? code);
    pos += c.length;
    return c;
  };
  const scanNumber = (): boolean => {
    let digits = '0123456789';
    if (accept('0') && accept('xX')) digits = '0123456789abcdefABCDEF';
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (accept('eE')) {
      accept('+-');
      acceptRun('0123456789');
    }
    return !isAlphaNumeric(at(pos));
  };
  const acceptRemainingDuration = (): boolean => {
    if (!accept('smhdwy')) return false;
    accept('s');
    while (accept('0123456789')) {
      acceptRun('0123456789');
      if (!accept('smhdw')) return false;
      accept('s');
    }
    const c = next();
    return !isAlphaNumeric(c);
  };
  const digitVal = (c: string): number => {
    if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
    if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
    if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 55;
    return 16;
  };
  /** lexEscape: undefined when the escape is good, else the error. */
  const lexEscape = (quote: string): string | undefined => {
    let ch = next();
    let n: number;
    let base: number;
    let max: number;
    if ('abfnrtv\\'.includes(ch) && ch !== '') return undefined;
    if (ch === quote) return undefined;
    if (ch >= '0' && ch <= '7' && ch !== '') [n, base, max] = [3, 8, 255];
    else if (ch === 'x') {
      ch = next();
      [n, base, max] = [2, 16, 255];
    } else if (ch === 'u') {
      ch = next();
      [n, base, max] = [4, 16, 0x10ffff];
    } else if (ch === 'U') {
      ch = next();
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
      if (n > 0) ch = next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) return 'escape sequence is an invalid Unicode code point';
    return undefined;
  };
  const lexString = (quote: string): LexResult | undefined => {
    for (;;) {
      const c = next();
      if (c === '\\') {
        const e = lexEscape(quote);
        if (e) return fail(e);
      } else if (c === '\ufffd') return fail('invalid UTF-8 rune');
      else if (c === '' || c === '\n') return fail('unterminated quoted string');
      else if (c === quote) break;
    }
    emit('STRING');
    return undefined;
  };
  const lexRawString = (): LexResult | undefined => {
    for (;;) {
      const c = next();
      if (c === '\ufffd') return fail('invalid UTF-8 rune');
      if (c === '') return fail('unterminated raw string');
      if (c === '`') break;
    }
    emit('STRING');
    return undefined;
  };
  const lexNumberOrDuration = (): LexResult | undefined => {
    if (scanNumber()) {
      emit('NUMBER');
      return undefined;
    }
    if (acceptRemainingDuration()) {
      pos--; // backup: the character after the duration is not part of it
      emit('DURATION');
      return undefined;
    }
    return fail(`bad number or duration syntax: ${JSON.stringify(text.slice(start, Math.min(pos, text.length)))}`);
  };
  const lexDuration = (): LexResult | undefined => {
    if (scanNumber()) return fail('missing unit character in duration');
    if (!acceptRemainingDuration())
      return fail(`bad duration syntax: ${JSON.stringify(text.slice(start, Math.min(pos, text.length)))}`);
    pos--;
    emit('DURATION');
    return undefined;
  };

  for (;;) {
    start = pos;
    if (text.startsWith('#', pos)) {
      while (pos < text.length && text[pos] !== '\n') pos++;
      continue;
    }
    if (braceOpen) {
      const r = next();
      let result: LexResult | undefined;
      if (r === '') return fail('unexpected end of input inside braces');
      if (isSpace(r)) continue;
      if (isAlpha(r)) {
        while (isAlphaNumeric(at(pos))) pos++;
        emit('IDENTIFIER');
      } else if (r === ',') emit('COMMA');
      else if (r === '"' || r === "'") result = lexString(r);
      else if (r === '`') result = lexRawString();
      else if (r === '=') {
        if (at(pos) === '~') {
          pos++;
          emit('EQL_REGEX');
        } else emit('EQL');
      } else if (r === '!') {
        const nr = next();
        if (nr === '~') emit('NEQ_REGEX');
        else if (nr === '=') emit('OPERATOR');
        else return fail(`unexpected character after '!' inside braces: ${goQuoteRune(nr === '' ? '\ufffd' : nr)}`);
      } else if (r === '{') return fail(`unexpected left brace ${goQuoteRune(r)}`);
      else if (r === '}') {
        emit('RIGHT_BRACE');
        braceOpen = false;
      } else return fail(`unexpected character inside braces: ${goQuoteRune(r)}`);
      if (result) return result;
      continue;
    }
    const r = next();
    let result: LexResult | undefined;
    if (r === '') {
      pos = text.length;
      start = pos;
      if (parenDepth !== 0) return fail('unclosed left parenthesis');
      if (bracketOpen) return fail('unclosed left bracket');
      return { tokens };
    }
    if (isSpace(r)) continue;
    if (r === ',') emit('COMMA');
    else if ('*/%+-^'.includes(r)) emit('OPERATOR');
    else if (r === '=') {
      const t = at(pos);
      if (t === '=') {
        pos++;
        emit('OPERATOR');
      } else if (t === '~') return fail(`unexpected character after '=': ${goQuoteRune(t)}`);
      else emit('EQL');
    } else if (r === '!') {
      const t = next();
      if (t === '=') emit('OPERATOR');
      else return fail(`unexpected character after '!': ${goQuoteRune(t === '' ? '\ufffd' : t)}`);
    } else if (r === '<' || r === '>') {
      if (at(pos) === '=') pos++;
      emit('OPERATOR');
    } else if (isDigit(r) || (r === '.' && isDigit(at(pos)))) {
      pos = start;
      result = lexNumberOrDuration();
    } else if (r === '"' || r === "'") result = lexString(r);
    else if (r === '`') result = lexRawString();
    else if (isAlpha(r) || r === ':') {
      // 3.4+ reads duration expressions (`step()`, `min(5m, step())`) inside brackets: words are words there.
      const wordsInBrackets = !version || isAtLeast(version, '3.4');
      if (!bracketOpen || (wordsInBrackets && r !== ':')) {
        while (isAlphaNumeric(at(pos)) || at(pos) === ':') pos++;
        const word = text.slice(start, pos);
        emit(wordType(word, version) ?? (word.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER'));
      } else {
        if (gotColon) return fail(`unexpected colon ${goQuoteRune(r)}`);
        emit('COLON');
        gotColon = true;
      }
    } else if (r === '(') {
      emit('LEFT_PAREN');
      parenDepth++;
    } else if (r === ')') {
      const tokensEnd = start;
      emit('RIGHT_PAREN');
      parenDepth--;
      if (parenDepth < 0) {
        tokens.pop();
        return fail(`unexpected right parenthesis ${goQuoteRune(r)}`, tokensEnd);
      }
    } else if (r === '{') {
      emit('LEFT_BRACE');
      braceOpen = true;
    } else if (r === '[') {
      if (bracketOpen) return fail(`unexpected left bracket ${goQuoteRune(r)}`);
      gotColon = false;
      emit('LEFT_BRACKET');
      while (isSpace(at(pos))) pos++;
      start = pos;
      bracketOpen = true;
      // 3.x reads numbers of seconds (`foo[300]`) and, behind a flag, duration expressions here.
      if (!version || isAtLeast(version, '3.0')) {
        if (isDigit(at(pos)) || (at(pos) === '.' && isDigit(at(pos + 1)))) result = lexNumberOrDuration();
      } else result = lexDuration();
    } else if (r === ']') {
      if (!bracketOpen) return fail(`unexpected right bracket ${goQuoteRune(r)}`);
      emit('RIGHT_BRACKET');
      bracketOpen = false;
    } else if (r === '@') emit('AT');
    else return fail(`unexpected character: ${goQuoteRune(r)}`);
    if (result) return result;
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
