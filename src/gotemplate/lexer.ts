/**
 * The lexer of Go's text/template (`text/template/parse/lex.go`, Go 1.19 as in Prometheus 2.42 and later),
 * rewritten: text versus `{{ ... }}` actions, trim markers `{{- ` / ` -}}`, comments (`{{/*` to `*\/}}`), and the
 * tokens inside actions. Its error messages are Go's; lexing stops at the first error, which becomes the
 * last token.
 */
import { goQuote, goRune, isGoPrintable } from './go-quote';

/** Keywords: Go prints these as `<if>`, `<.>`, `<nil>` in "unexpected" messages. */
export const KEYWORD_KINDS = [
  'dot',
  'nil',
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
] as const;

/** A keyword token kind. */
export type KeywordKind = (typeof KEYWORD_KINDS)[number];

/** The kinds of token, after Go's `itemType`s. */
export type TokenKind =
  | KeywordKind
  | 'text'
  | 'comment'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'declare'
  | 'assign'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'string'
  | 'rawString'
  | 'charConstant'
  | 'number'
  | 'complex'
  | 'bool'
  | 'identifier'
  | 'field'
  | 'variable'
  | 'char'
  | 'eof'
  | 'error';

/** One token: its kind, its text (for `error`, Go's message; for `text`, after trimming) and where it starts. */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly offset: number;
}

const KEYWORDS: Readonly<Record<string, KeywordKind>> = {
  '.': 'dot',
  nil: 'nil',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  template: 'template',
  with: 'with',
};

const ALNUM = /^[\p{L}\p{Nd}_]$/u;

/** Go's `isSpace` inside actions: space, tab, carriage return, newline. */
function isSpace(ch: string | null): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isAlphaNumeric(ch: string | null): boolean {
  return ch !== null && ALNUM.test(ch);
}

/**
 * Splits a template into tokens. The list ends with an `eof` token, or with an `error` token carrying
 * Go's message (`unclosed action`, `unterminated quoted string`, `bad number syntax: "1x"`, ...).
 */
export function lexTemplate(input: string): Token[] {
  return new Lexer(input).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private failed = false;

  constructor(private readonly input: string) {}

  run(): Token[] {
    while (this.lexText() && this.lexInsideAction());
    return this.tokens;
  }

  // --- character access -------------------------------------------------------------------------

  private peek(): string | null {
    if (this.pos >= this.input.length) return null;
    return String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
  }

  private next(): string | null {
    const ch = this.peek();
    if (ch !== null) this.pos += ch.length;
    return ch;
  }

  private backup(ch: string | null): void {
    if (ch !== null) this.pos -= ch.length;
  }

  private accept(valid: string): boolean {
    const ch = this.peek();
    if (ch !== null && valid.includes(ch)) {
      this.pos += ch.length;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  // --- emitting ---------------------------------------------------------------------------------

  private emit(kind: TokenKind): void {
    this.emitRange(kind, this.start, this.pos);
  }

  private emitRange(kind: TokenKind, from: number, to: number, value = this.input.slice(from, to)): void {
    this.tokens.push({ kind, value, offset: from });
    this.start = this.pos;
  }

  /** Ends the scan with Go's message, placed where the pending token started. */
  private fail(message: string): false {
    this.tokens.push({ kind: 'error', value: message, offset: this.start });
    this.failed = true;
    return false;
  }

  // --- delimiters -------------------------------------------------------------------------------

  private hasLeftTrimMarker(at: number): boolean {
    return this.input[at] === '-' && isSpace(this.input[at + 1] ?? null);
  }

  private atRightDelim(at: number): { delim: boolean; trim: boolean } {
    if (this.input.startsWith('}}', at)) return { delim: true, trim: false };
    const trim = isSpace(this.input[at] ?? null) && this.input[at + 1] === '-' && this.input.startsWith('}}', at + 2);
    return { delim: trim, trim };
  }

  private skipSpace(at: number): number {
    let p = at;
    while (isSpace(this.input[p] ?? null)) p++;
    return p;
  }

  /** Scans text up to the next action, skipping comments. False once the input (or an error) ends it. */
  private lexText(): boolean {
    for (;;) {
      const x = this.input.indexOf('{{', this.pos);
      if (x < 0) {
        if (this.input.length > this.pos) this.emitRange('text', this.pos, this.input.length);
        this.pos = this.input.length;
        this.start = this.pos;
        this.emitRange('eof', this.pos, this.pos);
        return false;
      }
      const delimEnd = x + 2;
      const trimLeft = this.hasLeftTrimMarker(delimEnd);
      let textEnd = x;
      if (trimLeft) while (textEnd > this.pos && isSpace(this.input[textEnd - 1])) textEnd--;
      if (textEnd > this.pos) this.emitRange('text', this.pos, textEnd);
      const body = delimEnd + (trimLeft ? 2 : 0);
      this.pos = body;
      this.start = body;
      if (this.input.startsWith('/*', body)) {
        if (!this.lexComment(x, body)) return false;
        continue;
      }
      this.emitRange('leftDelim', x, body, '{{');
      this.parenDepth = 0;
      return true;
    }
  }

  private lexComment(delimStart: number, body: number): boolean {
    const close = this.input.indexOf('*/', body + 2);
    if (close < 0) return this.fail('unclosed comment');
    const after = close + 2;
    const rd = this.atRightDelim(after);
    if (!rd.delim) return this.fail('comment ends before closing delimiter');
    this.emitRange('comment', delimStart, after, this.input.slice(body, after));
    this.pos = after + (rd.trim ? 2 : 0) + 2;
    if (rd.trim) this.pos = this.skipSpace(this.pos);
    this.start = this.pos;
    return true;
  }

  private lexRightDelim(trim: boolean): void {
    const at = this.pos;
    this.pos += (trim ? 2 : 0) + 2;
    this.emitRange('rightDelim', at, this.pos, '}}');
    if (trim) this.pos = this.skipSpace(this.pos);
    this.start = this.pos;
  }

  // --- inside actions ---------------------------------------------------------------------------

  /** Scans the tokens of one action. True after its `}}`, false on an error. */
  private lexInsideAction(): boolean {
    while (!this.failed) {
      this.start = this.pos;
      const rd = this.atRightDelim(this.pos);
      if (rd.delim) {
        if (this.parenDepth !== 0) return this.fail('unclosed left paren');
        this.lexRightDelim(rd.trim);
        return true;
      }
      const ch = this.next();
      if (ch === null) return this.fail('unclosed action');
      this.lexOne(ch);
    }
    return false;
  }

  private lexOne(ch: string): void {
    if (isSpace(ch)) {
      this.backup(ch);
      this.lexSpace();
    } else if (ch === '=') this.emit('assign');
    else if (ch === ':') {
      if (this.next() !== '=') this.fail('expected :=');
      else this.emit('declare');
    } else if (ch === '|') this.emit('pipe');
    else if (ch === '"') this.lexQuoted('"', 'string', 'unterminated quoted string');
    else if (ch === "'") this.lexQuoted("'", 'charConstant', 'unterminated character constant');
    else if (ch === '`') this.lexRawQuote();
    else if (ch === '$') this.lexFieldOrVariable('variable');
    else if (ch === '.' && this.pos < this.input.length && !/[0-9]/.test(this.input[this.pos]))
      this.lexFieldOrVariable('field');
    else if (ch === '.' || ch === '+' || ch === '-' || /[0-9]/.test(ch)) {
      this.backup(ch);
      this.lexNumber();
    } else if (isAlphaNumeric(ch)) {
      this.backup(ch);
      this.lexIdentifier();
    } else if (ch === '(') {
      this.emit('leftParen');
      this.parenDepth++;
    } else if (ch === ')') {
      this.emit('rightParen');
      this.parenDepth--;
      if (this.parenDepth < 0) this.fail(`unexpected right paren ${goRune(ch)}`);
    } else if (ch.charCodeAt(0) <= 0x7f && isGoPrintable(ch)) this.emit('char');
    else this.fail(`unrecognized character in action: ${goRune(ch)}`);
  }

  /** A run of spaces, minding a ` -}}` that starts at its last space. */
  private lexSpace(): void {
    let spaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      spaces++;
    }
    if (this.atRightDelim(this.pos - 1).trim) {
      this.pos--;
      if (spaces === 1) return;
    }
    this.emit('space');
  }

  /** `"..."` or `'...'`: a backslash may escape anything but a newline or the end. */
  private lexQuoted(quote: string, kind: TokenKind, unterminated: string): void {
    for (;;) {
      let ch = this.next();
      if (ch === '\\') {
        ch = this.next();
        if (ch !== null && ch !== '\n') continue;
        this.fail(unterminated);
        return;
      }
      if (ch === null || ch === '\n') {
        this.fail(unterminated);
        return;
      }
      if (ch === quote) break;
    }
    this.emit(kind);
  }

  private lexRawQuote(): void {
    const close = this.input.indexOf('`', this.pos);
    if (close < 0) {
      this.fail('unterminated raw quoted string');
      return;
    }
    this.pos = close + 1;
    this.emit('rawString');
  }

  /** Go's `atTerminator`: what may follow an identifier, field or variable. */
  private atTerminator(): boolean {
    const ch = this.peek();
    if (ch === null || isSpace(ch) || '.,|:)('.includes(ch)) return true;
    return this.input.startsWith('}}', this.pos);
  }

  /** `$name` or `.Name` (the `$` or `.` already read); a lone `$` or `.` when nothing follows. */
  private lexFieldOrVariable(kind: 'field' | 'variable'): void {
    if (this.atTerminator()) {
      this.emit(kind === 'variable' ? 'variable' : 'dot');
      return;
    }
    let ch: string | null;
    do ch = this.next();
    while (isAlphaNumeric(ch));
    this.backup(ch);
    if (!this.atTerminator()) this.fail(`bad character ${goRune(ch ?? '')}`);
    else this.emit(kind);
  }

  private lexIdentifier(): void {
    let ch: string | null;
    do ch = this.next();
    while (isAlphaNumeric(ch));
    this.backup(ch);
    if (!this.atTerminator()) {
      this.fail(`bad character ${goRune(ch ?? '')}`);
      return;
    }
    const word = this.input.slice(this.start, this.pos);
    const keyword = KEYWORDS[word];
    if (keyword !== undefined) this.emit(keyword);
    else if (word === 'true' || word === 'false') this.emit('bool');
    else this.emit('identifier');
  }

  private lexNumber(): void {
    if (!this.scanNumber()) {
      this.fail(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      return;
    }
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      // A complex constant such as 1+2i: no spaces, and it must end in 'i'.
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') {
        this.fail(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
        return;
      }
      this.emit('complex');
    } else this.emit('number');
  }

  /** Go's `scanNumber`: deliberately loose; `newNumber` judges the text afterwards. */
  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}
