/**
 * The parser of Go's text/template (`text/template/parse/parse.go`), rewritten to accept and refuse exactly
 * what Prometheus accepts when it loads alerting rules, with Go's error messages.
 *
 * Prometheus parses every label and annotation value of an alerting rule with a header that declares
 * `$labels`, `$externalLabels`, `$externalURL` and `$value` and with its function map; a parse error
 * makes the rule file fail to load. Like Go, parsing stops at the first syntax error; unlike Go, an
 * undefined variable or function, or a duplicate template definition, is recorded and parsing goes on,
 * so one pass reports them all. The tree holds everything parsed before a syntax error.
 *
 * One limit Go does not have: nesting (of `if`/`range`/`with` and parentheses) deeper than
 * {@link MAX_NESTING} levels is reported as a syntax error instead of exhausting the JavaScript stack.
 */
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  DefinedTemplate,
  ListNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './ast';
import { compareDiagnostics, diagnosticAt } from './diagnostic';
import { findTemplateFunction, templateFunctionsFor, type TemplateFunction } from './functions';
import { goQuote, goQuoteTruncated, unquoteGoString } from './go-quote';
import { parseNumberConstant } from './go-number';
import { KEYWORD_KINDS, lexTemplate, type Token, type TokenKind } from './lexer';
import { createLocator, type Locator, type SourcePosition } from './source-position';
import type { TemplateDiagnostic, TemplateDiagnosticCode } from './types';
import { DEFAULT_PROMETHEUS_VERSION, formatVersion, isAtLeast, parsePrometheusVersion } from '../promql/version';

/** Deepest nesting of control structures and parentheses checked; no real template comes near it. */
export const MAX_NESTING = 500;

/** The variables Prometheus declares before an alert template: `{{$labels := .Labels}}` and so on. */
export const ALERT_TEMPLATE_VARIABLES: readonly string[] = ['$labels', '$externalLabels', '$externalURL', '$value'];

/** Options of {@link parseTemplate}. */
export interface ParseTemplateOptions {
  /** Prometheus release whose function table and Go version apply. Default: the newest known. */
  readonly prometheusVersion?: string;
  /** Variables declared before the text. Default {@link ALERT_TEMPLATE_VARIABLES}. `$` always is. */
  readonly predeclared?: readonly string[];
}

/** A parsed template: its tree, the templates it defines, and the load errors found. */
export interface ParsedTemplate {
  readonly text: string;
  /** The top-level body. */
  readonly root: ListNode;
  /** `{{define}}` and `{{block}}` bodies, in source order. */
  readonly defines: readonly DefinedTemplate[];
  /** Load errors (syntax, undefined variables and functions, duplicate definitions), by position. */
  readonly diagnostics: readonly TemplateDiagnostic[];
  /** False when a syntax error stopped parsing: the trees then hold what came before it. */
  readonly complete: boolean;
  /** `$x = ...` assignments to variables not declared at that point (Go fails them when executing). */
  readonly undeclaredAssignments: readonly VariableNode[];
  /** The variables declared before the text. */
  readonly predeclared: readonly string[];
}

/**
 * Parses a template as Prometheus does when it loads an alerting rule.
 *
 * @example
 * parseTemplate('{{ $labels.instance }} is {{ $value | humanizePercentage }}').diagnostics // []
 */
export function parseTemplate(text: string, options: ParseTemplateOptions = {}): ParsedTemplate {
  const version = parsePrometheusVersion(options.prometheusVersion ?? DEFAULT_PROMETHEUS_VERSION);
  const predeclared = options.predeclared ?? ALERT_TEMPLATE_VARIABLES;
  const parser = new Parser(lexTemplate(text), createLocator(text), {
    functions: templateFunctionsFor(version),
    versionLabel: formatVersion(version),
    // `{{else with}}` arrived in Go 1.23; Prometheus 3.x is built with it, 2.x with older Go.
    elseWith: isAtLeast(version, '3.0'),
  });
  const result = parser.parse(predeclared);
  return { text, predeclared, ...result };
}

/** What decides the language accepted. */
interface ParserSettings {
  readonly functions: ReadonlyMap<string, TemplateFunction>;
  readonly versionLabel: string;
  readonly elseWith: boolean;
}

/** `{{end}}` or `{{else}}`, which end a list rather than belong to it. */
interface ListEnd {
  readonly kind: 'end' | 'else';
  readonly token: Token;
}

/** Thrown to stop parsing at a syntax error, as Go's parser panics. */
class SyntaxStop extends Error {
  constructor(readonly diagnostic: TemplateDiagnostic) {
    super(diagnostic.message);
  }
}

const KEYWORDS: ReadonlySet<TokenKind> = new Set<TokenKind>(KEYWORD_KINDS);

/** Tokens that start an operand, hence a command. */
const OPERAND_START: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

/** Go's `item.String()`: how a token appears in "unexpected ..." messages. */
function tokenString(t: Token): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'error') return t.value;
  if (KEYWORDS.has(t.kind)) return `<${t.value}>`;
  if (Array.from(t.value).length > 10) return `${goQuoteTruncated(t.value, 10)}...`;
  return goQuote(t.value);
}

class Parser {
  private i = 0;
  private vars: string[] = [];
  private rangeDepth = 0;
  private nesting = 0;
  /** Line of the action being parsed, for "... in action started at line N"; 0 outside actions. */
  private actionLine = 0;
  private readonly diagnostics: TemplateDiagnostic[] = [];
  private readonly defines: DefinedTemplate[] = [];
  private readonly definedEmpty = new Map<string, boolean>();
  private readonly undeclaredAssignments: VariableNode[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly locate: Locator,
    private readonly settings: ParserSettings,
  ) {}

  parse(predeclared: readonly string[]): Omit<ParsedTemplate, 'text' | 'predeclared'> {
    const root = this.newList(this.peek());
    this.vars = ['$', ...predeclared];
    let complete = true;
    try {
      this.parseTop(root);
    } catch (e) {
      if (!(e instanceof SyntaxStop)) throw e;
      this.diagnostics.push(e.diagnostic);
      complete = false;
    }
    return {
      root,
      defines: this.defines,
      diagnostics: [...this.diagnostics].sort(compareDiagnostics),
      complete,
      undeclaredAssignments: this.undeclaredAssignments,
    };
  }

  // --- tokens -----------------------------------------------------------------------------------

  private at(t: Token): SourcePosition {
    return this.locate(t.offset);
  }

  private token(index: number): Token {
    return this.tokens[Math.min(index, this.tokens.length - 1)];
  }

  private peek(): Token {
    return this.token(this.i);
  }

  private next(): Token {
    return this.token(this.i++);
  }

  private backup(): void {
    this.i--;
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.kind === 'space') t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // --- errors -----------------------------------------------------------------------------------

  private fail(message: string, at: Token | SourcePosition, code: TemplateDiagnosticCode = 'syntax-error'): never {
    throw new SyntaxStop(diagnosticAt('kind' in at ? this.at(at) : at, code, message));
  }

  private report(message: string, at: SourcePosition, code: TemplateDiagnosticCode): void {
    this.diagnostics.push(diagnosticAt(at, code, message));
  }

  /** Go's `unexpected`: a lexer error speaks for itself, naming where a multi-line action started. */
  private unexpected(t: Token, context: string): never {
    if (t.kind !== 'error') this.fail(`unexpected ${tokenString(t)} in ${context}`, t);
    let extra = '';
    if (this.actionLine !== 0 && this.actionLine !== this.at(t).line) {
      extra = t.value.endsWith(' action')
        ? ` started at line ${this.actionLine}`
        : ` in action started at line ${this.actionLine}`;
    }
    this.fail(`${t.value}${extra}`, t);
  }

  private expect(kind: TokenKind, context: string): Token {
    const t = this.nextNonSpace();
    if (t.kind !== kind) this.unexpected(t, context);
    return t;
  }

  // --- lists and actions ------------------------------------------------------------------------

  private newList(t: Token): ListNode {
    return { kind: 'list', at: this.at(t), nodes: [] };
  }

  /** The top level: text, actions and `{{define}}`s up to EOF. */
  private parseTop(root: ListNode): void {
    while (this.peek().kind !== 'eof') {
      if (this.peek().kind === 'leftDelim') {
        const mark = this.i;
        this.next();
        if (this.nextNonSpace().kind === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = mark;
      }
      const end = this.textOrAction(root);
      if (end) this.fail(`unexpected {{${end.kind}}}`, end.token);
    }
  }

  /** Items up to `{{end}}` or `{{else}}`, which is returned. */
  private itemList(into: ListNode): ListEnd {
    while (this.peekNonSpace().kind !== 'eof') {
      const end = this.textOrAction(into);
      if (end) return end;
    }
    this.fail('unexpected EOF', this.peek());
  }

  private textOrAction(into: ListNode): ListEnd | undefined {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case 'text':
        into.nodes.push({ kind: 'text', at: this.at(t), text: t.value });
        return undefined;
      case 'comment':
        into.nodes.push({ kind: 'comment', at: this.at(t), text: t.value });
        return undefined;
      case 'leftDelim':
        this.actionLine = this.at(t).line;
        try {
          return this.action(into, t);
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(into: ListNode, delim: Token): ListEnd | undefined {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case 'block':
        this.blockControl(into, t);
        return undefined;
      case 'break':
      case 'continue':
        this.loopControl(into, t, t.kind);
        return undefined;
      case 'else':
        return this.elseControl(t);
      case 'end':
        this.expect('rightDelim', 'end');
        return { kind: 'end', token: t };
      case 'if':
      case 'range':
      case 'with':
        this.branchControl(into, t, t.kind);
        return undefined;
      case 'template':
        this.templateControl(into, t);
        return undefined;
    }
    this.backup();
    this.pipeline('command', 'rightDelim', (pipe) => into.nodes.push({ kind: 'action', at: this.at(delim), pipe }));
    return undefined;
  }

  /** `{{if}}`, `{{range}}`, `{{with}}`: variables declared inside are gone after the `{{end}}`. */
  private branchControl(into: ListNode, t: Token, kind: BranchNode['kind']): void {
    const mark = this.vars.length;
    this.enter(t);
    try {
      const pipe = this.pipeline(kind, 'rightDelim');
      const node: BranchNode = { kind, at: this.at(t), pipe, list: this.newList(this.peek()) };
      into.nodes.push(node);
      if (kind === 'range') this.rangeDepth++;
      const end = this.itemList(node.list);
      if (kind === 'range') this.rangeDepth--;
      if (end.kind === 'end') return;
      const chained = this.peek();
      if ((kind === 'if' || (kind === 'with' && this.settings.elseWith)) && chained.kind === kind) {
        // {{else if x}} is {{else}}{{if x}}...{{end}} sharing one {{end}}.
        this.next();
        node.elseList = this.newList(end.token);
        this.branchControl(node.elseList, chained, kind);
        return;
      }
      node.elseList = this.newList(this.peek());
      const elseEnd = this.itemList(node.elseList);
      if (elseEnd.kind !== 'end') this.fail(`expected end; found {{${elseEnd.kind}}}`, elseEnd.token);
    } finally {
      this.vars.length = mark;
      this.nesting--;
    }
  }

  private enter(t: Token): void {
    if (++this.nesting > MAX_NESTING) this.fail(`nesting deeper than ${MAX_NESTING} levels is not checked`, t);
  }

  private elseControl(t: Token): ListEnd {
    const peek = this.peekNonSpace();
    // {{else if ...}} (and, from Go 1.23, {{else with ...}}) leave the keyword for the enclosing branch.
    if (peek.kind === 'if' || (peek.kind === 'with' && this.settings.elseWith)) return { kind: 'else', token: t };
    this.expect('rightDelim', 'else');
    return { kind: 'else', token: t };
  }

  private loopControl(into: ListNode, t: Token, kind: 'break' | 'continue'): void {
    const after = this.nextNonSpace();
    if (after.kind !== 'rightDelim') this.unexpected(after, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${kind}}} outside {{range}}`, t);
    into.nodes.push({ kind, at: this.at(t) });
  }

  private templateName(t: Token, context: string): string {
    if (t.kind !== 'string' && t.kind !== 'rawString') this.unexpected(t, context);
    const name = unquoteGoString(t.value);
    if (name === undefined) this.fail('invalid syntax', t);
    return name;
  }

  private templateControl(into: ListNode, t: Token): void {
    const name = this.templateName(this.nextNonSpace(), 'template clause');
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().kind !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline('template clause', 'rightDelim');
    }
    into.nodes.push({ kind: 'template', at: this.at(t), name, pipe, block: false });
  }

  /** `{{define "name"}}body{{end}}`, `define` already read. The body is a separate template. */
  private parseDefinition(): void {
    const context = 'define clause';
    const nameToken = this.nextNonSpace();
    if (nameToken.kind !== 'string' && nameToken.kind !== 'rawString') this.unexpected(nameToken, context);
    const name = unquoteGoString(nameToken.value);
    if (name === undefined) this.fail('invalid syntax', nameToken);
    this.expect('rightDelim', context);
    this.defineBody(name, nameToken, context, false);
  }

  /** `{{block "name" pipeline}}body{{end}}`: defines the template and calls it here. */
  private blockControl(into: ListNode, t: Token): void {
    const context = 'block clause';
    const nameToken = this.nextNonSpace();
    const name = this.templateName(nameToken, context);
    const pipe = this.pipeline(context, 'rightDelim');
    into.nodes.push({ kind: 'template', at: this.at(t), name, pipe, block: true });
    this.defineBody(name, nameToken, context, true);
  }

  /** Parses a template body as Go does: a fresh tree, seeing only `$`, outside any `{{range}}`. */
  private defineBody(name: string, nameToken: Token, context: string, viaBlock: boolean): void {
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth, actionLine: this.actionLine };
    this.vars = ['$'];
    this.rangeDepth = 0;
    this.actionLine = 0;
    const def: DefinedTemplate = { name, at: this.at(nameToken), root: this.newList(this.peek()), viaBlock };
    this.defines.push(def);
    const end = this.itemList(def.root);
    if (end.kind !== 'end') this.fail(`unexpected {{${end.kind}}} in ${context}`, end.token);
    this.addDefinition(def);
    this.vars = saved.vars;
    this.rangeDepth = saved.rangeDepth;
    this.actionLine = saved.actionLine;
  }

  /** Go's `Tree.add`: a name may be defined again only while one of the bodies is empty. */
  private addDefinition(def: DefinedTemplate): void {
    const empty = isEmptyList(def.root);
    const existingEmpty = this.definedEmpty.get(def.name);
    if (existingEmpty === undefined || existingEmpty) this.definedEmpty.set(def.name, empty);
    else if (!empty) this.report(`multiple definition of template ${goQuote(def.name)}`, def.at, 'multiple-definition');
  }

  // --- pipelines --------------------------------------------------------------------------------

  /**
   * `declarations? command ('|' command)*` up to `end`, which is consumed. `attach` sees the pipe
   * before its commands are parsed, so a syntax error leaves the part before it in the tree.
   */
  private pipeline(context: string, end: 'rightDelim' | 'rightParen', attach?: (pipe: PipeNode) => void): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', at: this.at(first), decl: [], isAssign: false, cmds: [] };
    attach?.(pipe);
    const declaredBefore = this.vars.length;
    this.declarations(pipe, context);
    if (pipe.isAssign) {
      const visible = this.vars.slice(0, declaredBefore);
      for (const v of pipe.decl) if (!visible.includes(v.ident[0])) this.undeclaredAssignments.push(v);
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.kind === end) {
        this.checkPipeline(pipe, context, t);
        return pipe;
      }
      if (!OPERAND_START.has(t.kind)) this.unexpected(t, context);
      this.backup();
      this.command(pipe);
    }
  }

  /** `$x :=`, `$x =`, and in `range`, `$i, $e :=`. Leaves the tokens alone when there are none. */
  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.kind !== 'variable') return;
      const mark = this.i;
      this.next();
      const after = this.peekNonSpace();
      const node: VariableNode = { kind: 'variable', at: this.at(v), ident: [v.value] };
      if (after.kind === 'assign' || after.kind === 'declare') {
        pipe.isAssign = after.kind === 'assign';
        this.nextNonSpace();
        pipe.decl.push(node);
        this.vars.push(v.value);
        return;
      }
      if (after.kind === 'char' && after.value === ',') {
        this.nextNonSpace();
        pipe.decl.push(node);
        this.vars.push(v.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const k = this.peekNonSpace().kind;
          if (k === 'variable' || k === 'rightDelim' || k === 'rightParen') continue;
          this.fail('range can only initialize variables', this.peekNonSpace());
        }
        this.fail(`too many declarations in ${context}`, after);
      }
      this.i = mark;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, end: Token): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, end);
    pipe.cmds.forEach((cmd, index) => {
      const head = cmd.args[0];
      if (index > 0 && ['bool', 'dot', 'nil', 'number', 'string'].includes(head.kind)) {
        this.fail(`non executable command in pipeline stage ${index + 1}`, head.at);
      }
    });
  }

  /** Space-separated operands up to `|`, `}}` or `)`. */
  private command(pipe: PipeNode): void {
    const cmd: CommandNode = { kind: 'command', at: this.at(this.peekNonSpace()), args: [] };
    pipe.cmds.push(cmd);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.kind === 'space') continue;
      if (t.kind === 'rightDelim' || t.kind === 'rightParen') this.backup();
      else if (t.kind !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command', cmd.at);
  }

  /** A term followed by `.Field`s. */
  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().kind !== 'field') return node;
    const fields: string[] = [];
    while (this.peek().kind === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
      case 'variable':
        return { ...node, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.fail(`unexpected . after term ${goQuote(termString(node))}`, node.at);
      default:
        return { kind: 'chain', at: node.at, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    const at = this.at(t);
    switch (t.kind) {
      case 'identifier':
        this.checkFunction(t.value, at);
        return { kind: 'identifier', at, name: t.value };
      case 'dot':
        return { kind: 'dot', at };
      case 'nil':
        return { kind: 'nil', at };
      case 'variable':
        if (!this.vars.includes(t.value))
          this.report(`undefined variable ${goQuote(t.value)}`, at, 'undefined-variable');
        return { kind: 'variable', at, ident: [t.value] };
      case 'field':
        return { kind: 'field', at, ident: [t.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', at, value: t.value === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = parseNumberConstant(t.value, t.kind);
        if (!n.ok) this.fail(n.error, t);
        return { kind: 'number', at, text: t.value, numberKind: n.kind };
      }
      case 'leftParen':
        this.enter(t);
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.nesting--;
        }
      case 'string':
      case 'rawString': {
        const text = unquoteGoString(t.value);
        if (text === undefined) this.fail('invalid syntax', t);
        return { kind: 'string', at, quoted: t.value, text };
      }
    }
    this.backup();
    return undefined;
  }

  private checkFunction(name: string, at: SourcePosition): void {
    if (this.settings.functions.has(name)) return;
    const elsewhere = findTemplateFunction(name);
    if (!elsewhere) {
      this.report(`function ${goQuote(name)} not defined`, at, 'undefined-function');
      return;
    }
    const when = elsewhere.since !== undefined ? `added in Prometheus ${elsewhere.since}` : 'not in this release';
    this.report(
      `function ${goQuote(name)} not defined (${when}; checking for ${this.settings.versionLabel})`,
      at,
      'unsupported-function',
    );
  }
}

/** How Go prints a literal term in "unexpected . after term %q". */
function termString(node: ArgNode): string {
  switch (node.kind) {
    case 'bool':
      return String(node.value);
    case 'string':
      return node.quoted;
    case 'number':
      return node.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

/** Go's `IsEmptyTree`: nothing but whitespace text and comments. */
function isEmptyList(list: ListNode): boolean {
  return list.nodes.every((n: TemplateNode) => (n.kind === 'text' && n.text.trim() === '') || n.kind === 'comment');
}
