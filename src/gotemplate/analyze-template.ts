/**
 * A walk over a parsed alert template that follows what Go's text/template does when it executes:
 * variable scopes, the type of dot (the alert data at the top, whatever `with`/`range` give inside),
 * function calls with the piped value as last argument, and `{{template}}` calls into `{{define}}`d bodies.
 * It finds what fails only when the alert renders (argument counts and types, unknown fields, undefined
 * templates, bad regexps and durations in literals), the warnings, and which `$labels.<name>` are read.
 */
import type { ArgNode, CommandNode, DefinedTemplate, IdentifierNode, ListNode, PipeNode, TemplateNode } from './ast';
import { compareDiagnostics, diagnosticAt } from './diagnostic';
import {
  templateFunctionArity,
  templateFunctionsFor,
  type TemplateParamKind,
  type TemplateFunction,
} from './functions';
import { goQuote } from './go-quote';
import { durationError, regexpError } from './literal-checks';
import { argString } from './node-string';
import type { ParsedTemplate } from './parser';
import { printfArgCount } from './printf-format';
import type { SourcePosition } from './source-position';
import type { TemplateDiagnostic, TemplateDiagnosticCode, TemplatePlace } from './types';
import { isAtLeast, parsePrometheusVersion, type PrometheusVersion } from '../promql/version';

/** A label of the alert read by name: `$labels.instance`, `.Labels.job`, `index $labels "pod"`. */
export interface LabelReference {
  readonly name: string;
  /** 1-based line of the reference (the `$labels`/`.Labels` operand, or the quoted name given to `index`). */
  readonly line: number;
  readonly column: number;
}

/** Options of {@link analyzeTemplate}. */
export interface AnalyzeTemplateOptions {
  readonly where: TemplatePlace;
  readonly prometheusVersion: string;
}

/** Findings of {@link analyzeTemplate}. */
export interface TemplateAnalysis {
  /** Execution errors and warnings, by position (load errors are the parser's). */
  readonly diagnostics: TemplateDiagnostic[];
  /** Labels read by name, by position. */
  readonly labels: LabelReference[];
}

/**
 * What the checker knows of a value: the alert data (dot at the top of an alert template), the alert's
 * labels, the external labels, the alert's value, other floats, strings, numbers, or nothing.
 */
type ValueType = 'alert' | 'labels' | 'externalLabels' | 'value' | 'float' | 'string' | 'number' | 'unknown';

interface Variable {
  readonly name: string;
  type: ValueType;
}

interface Env {
  readonly vars: Variable[];
  readonly dot: ValueType;
  /** True while evaluating the pipeline of an `if`, `with` or `range`. */
  readonly inCondition: boolean;
}

/** Fields of the data Prometheus executes alert templates with (`template.AlertTemplateData`). */
const ALERT_FIELDS: Readonly<Record<string, ValueType>> = {
  Labels: 'labels',
  ExternalLabels: 'externalLabels',
  ExternalURL: 'string',
  Value: 'value',
};

const PREDECLARED_TYPES: Readonly<Record<string, ValueType>> = {
  $labels: 'labels',
  $externalLabels: 'externalLabels',
  $externalURL: 'string',
  $value: 'value',
};

const GO_TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  alert: 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }',
  labels: 'map[string]string',
  externalLabels: 'map[string]string',
  value: 'float64',
  float: 'float64',
  string: 'string',
  number: 'number',
  unknown: 'unknown',
};

const STRING_RESULTS = [
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'title',
  'toUpper',
  'toLower',
  'reReplaceAll',
  'stripPort',
  'stripDomain',
  'urlQueryEscape',
  'graphLink',
  'tableLink',
  'label',
  'strvalue',
  'pathPrefix',
  'externalURL',
  'print',
  'printf',
  'println',
  'html',
  'js',
  'urlquery',
];

/** Result types the checker relies on; everything else is `unknown`. */
const RESULT_TYPES: ReadonlyMap<string, ValueType> = new Map<string, ValueType>([
  ...STRING_RESULTS.map((name): [string, ValueType] => [name, 'string']),
  ['value', 'float'],
  ['parseDuration', 'float'],
]);

/** Types that can never be passed where Go wants a `string`. */
const NOT_STRINGS: ReadonlySet<ValueType> = new Set<ValueType>(['alert', 'labels', 'externalLabels', 'value', 'float']);

/**
 * Walks a parsed template as Go would execute it with Prometheus's alert data.
 *
 * @example
 * analyzeTemplate(parseTemplate('{{ humanize }}'), { where: 'annotation', prometheusVersion: '2.42' }).diagnostics
 * // [{ code: 'wrong-arg-count', message: 'wrong number of args for humanize: want 1 got 0', ... }]
 */
export function analyzeTemplate(parsed: ParsedTemplate, options: AnalyzeTemplateOptions): TemplateAnalysis {
  return new Analyzer(parsed, options).run();
}

class Analyzer {
  private readonly diagnostics: TemplateDiagnostic[] = [];
  private readonly labels: LabelReference[] = [];
  private readonly defines = new Map<string, DefinedTemplate>();
  private readonly walked = new Set<string>();
  private readonly walkedNames = new Set<string>();
  private readonly functions: ReadonlyMap<string, TemplateFunction>;
  private readonly version: PrometheusVersion;

  constructor(
    private readonly parsed: ParsedTemplate,
    private readonly options: AnalyzeTemplateOptions,
  ) {
    this.version = parsePrometheusVersion(options.prometheusVersion);
    this.functions = templateFunctionsFor(this.version);
    for (const def of parsed.defines)
      if (!this.defines.has(def.name) || def.root.nodes.length > 0) this.defines.set(def.name, def);
  }

  run(): TemplateAnalysis {
    const alertData = this.parsed.predeclared.includes('$labels');
    const top: ValueType = alertData ? 'alert' : 'unknown';
    const vars: Variable[] = [
      { name: '$', type: top },
      ...this.parsed.predeclared.map((name) => ({
        name,
        type: alertData ? (PREDECLARED_TYPES[name] ?? 'unknown') : 'unknown',
      })),
    ];
    this.walkList(this.parsed.root, { vars, dot: top, inCondition: false });
    for (const def of this.parsed.defines) if (!this.walkedNames.has(def.name)) this.walkDefine(def, 'unknown');
    for (const v of this.parsed.undeclaredAssignments) {
      this.report(v.at, 'assign-undeclared', `undefined variable: ${v.ident[0]}`);
    }
    return { diagnostics: unique(this.diagnostics).sort(compareDiagnostics), labels: uniqueLabels(this.labels) };
  }

  private report(at: SourcePosition, code: TemplateDiagnosticCode, message: string): void {
    if (code === 'value-in-label' && this.options.where !== 'label') return;
    this.diagnostics.push(diagnosticAt(at, code, message));
  }

  // --- statements -------------------------------------------------------------------------------

  private walkList(list: ListNode, env: Env): void {
    for (const node of list.nodes) this.walkNode(node, env);
  }

  private walkNode(node: TemplateNode, env: Env): void {
    switch (node.kind) {
      case 'action':
        this.evalPipe(node.pipe, env, false);
        return;
      case 'if':
      case 'with':
      case 'range': {
        const mark = env.vars.length;
        const t = this.evalPipe(node.pipe, { ...env, inCondition: true }, node.kind === 'range');
        const bodyDot = node.kind === 'with' ? t : node.kind === 'range' ? elementType(t) : env.dot;
        this.walkList(node.list, { vars: env.vars, dot: bodyDot, inCondition: false });
        if (node.elseList) this.walkList(node.elseList, { vars: env.vars, dot: env.dot, inCondition: false });
        env.vars.length = mark;
        return;
      }
      case 'template': {
        const data = node.pipe ? this.evalPipe(node.pipe, env, false) : 'unknown';
        const def = this.defines.get(node.name);
        if (def) this.walkDefine(def, data);
        else if (this.parsed.complete)
          this.report(node.at, 'undefined-template', `template ${goQuote(node.name)} not defined`);
        return;
      }
      default:
        return;
    }
  }

  /** Walks a defined template with `data` as its dot and `$`, once per kind of data. */
  private walkDefine(def: DefinedTemplate, data: ValueType): void {
    const key = `${def.name}\u0000${data}`;
    if (this.walked.has(key)) return;
    this.walked.add(key);
    this.walkedNames.add(def.name);
    this.walkList(def.root, { vars: [{ name: '$', type: data }], dot: data, inCondition: false });
  }

  // --- pipelines --------------------------------------------------------------------------------

  private evalPipe(pipe: PipeNode, env: Env, isRange: boolean): ValueType {
    let result: ValueType | undefined;
    for (const cmd of pipe.cmds) result = this.evalCommand(cmd, env, result);
    const value = result ?? 'unknown';
    const types: ValueType[] = !isRange
      ? pipe.decl.map(() => (pipe.decl.length === 1 ? value : 'unknown'))
      : pipe.decl.length === 1
        ? [elementType(value)]
        : [keyType(value), elementType(value)];
    pipe.decl.forEach((v, i) => {
      const existing = pipe.isAssign ? lastVariable(env.vars, v.ident[0]) : undefined;
      if (existing) existing.type = types[i] ?? 'unknown';
      else env.vars.push({ name: v.ident[0], type: types[i] ?? 'unknown' });
    });
    return value;
  }

  /** One command; `final` is the value piped in from the previous command, if any. */
  private evalCommand(cmd: CommandNode, env: Env, final: ValueType | undefined): ValueType {
    if (cmd.args.length === 0) return 'unknown'; // cut short by a syntax error
    const [head, ...args] = cmd.args;
    const hasArgs = args.length > 0 || final !== undefined;
    if (head.kind === 'identifier') return this.callFunction(head, args, final, env);
    let t: ValueType;
    switch (head.kind) {
      case 'variable':
        t = this.variable(head.ident, head.at, env, hasArgs);
        break;
      case 'field':
        t = this.fields(env.dot, head.ident, head.at, env, hasArgs);
        break;
      case 'chain':
        t = this.fields(this.evalArg(head.node, env, 'any', ''), head.fields, head.at, env, hasArgs);
        break;
      case 'pipe':
        t = this.evalPipe(head, env, false);
        break;
      case 'dot':
        t = this.use(env.dot, head.at, env);
        break;
      case 'nil':
        this.report(head.at, 'not-a-function', 'nil is not a command');
        return 'unknown';
      default:
        t = literalType(head);
    }
    const methodCall =
      head.kind !== 'pipe' &&
      head.kind !== 'dot' &&
      !isLiteral(head) &&
      !(head.kind === 'variable' && head.ident.length === 1);
    if (hasArgs && !methodCall)
      this.report(head.at, 'not-a-function', `can't give argument to non-function ${argString(head)}`);
    for (const a of args) this.evalArg(a, env, 'any', '');
    return t;
  }

  private callFunction(
    head: IdentifierNode,
    args: readonly ArgNode[],
    final: ValueType | undefined,
    env: Env,
  ): ValueType {
    const f = this.functions.get(head.name);
    if (!f) {
      for (const a of args) this.evalArg(a, env, 'any', '');
      return 'unknown';
    }
    const argc = args.length + (final === undefined ? 0 : 1);
    this.checkArity(f, argc, head.at);
    const types = args.map((a, i) => this.evalArg(a, env, paramKind(f, i), f.name));
    if (final !== undefined) this.checkType(final, paramKind(f, argc - 1), f.name, head.at);
    this.checkLiterals(f, args, types, argc);
    this.checkRenderFailures(f, head.at, args, types, final);
    return RESULT_TYPES.get(f.name) ?? 'unknown';
  }

  private checkArity(f: TemplateFunction, argc: number, at: SourcePosition): void {
    const { min, max } = templateFunctionArity(f);
    if (argc >= min && argc <= max) return;
    const want = min === max ? `${min}` : argc < min ? `at least ${min}` : `at most ${max}`;
    this.report(at, 'wrong-arg-count', `wrong number of args for ${f.name}: want ${want} got ${argc}`);
  }

  /**
   * Calls Go's text/template refuses whatever the alert's data: comparisons between values of different
   * basic kinds (`gt $value 1`: float64 against int, "incompatible types for comparison"; a label, a string,
   * against a number), and `len`/`index`/`slice` of a number.
   */
  private checkRenderFailures(
    f: TemplateFunction,
    at: SourcePosition,
    args: readonly ArgNode[],
    types: readonly ValueType[],
    final: ValueType | undefined,
  ): void {
    if (f.origin !== 'go') return;
    const kinds = args.map((a, i) => basicKind(a, types[i]));
    if (final !== undefined) kinds.push(basicKind(undefined, final));
    if (COMPARISON_FUNCTIONS.has(f.name)) {
      const known = kinds.filter((k): k is BasicKind => k !== undefined);
      const first = known[0];
      const other = known.find((k) => k !== first);
      if (first !== undefined && other !== undefined) {
        const hint =
          first === 'float64' || other === 'float64'
            ? ' (write numbers compared with $value as floats: 1.0, not 1)'
            : '';
        this.report(
          at,
          'incompatible-comparison',
          `error calling ${f.name}: incompatible types for comparison: ${first} and ${other}${hint}`,
        );
      }
      return;
    }
    if (
      (f.name === 'len' || f.name === 'index' || f.name === 'slice') &&
      (kinds[0] === 'float64' || kinds[0] === 'int')
    ) {
      const what = f.name === 'len' ? `len of type ${kinds[0]}` : `can't ${f.name} item of type ${kinds[0]}`;
      this.report(at, 'wrong-arg-type', `error calling ${f.name}: ${what}`);
    }
  }

  /** Regexps, durations, `printf` formats and `index $labels "name"` given as constants. */
  private checkLiterals(
    f: TemplateFunction,
    args: readonly ArgNode[],
    types: readonly ValueType[],
    argc: number,
  ): void {
    const first = args[0];
    const second = args[1];
    if (f.name === 'index' && types[0] === 'labels' && second?.kind === 'string') {
      this.labels.push({ name: second.text, line: second.at.line, column: second.at.column });
    }
    if (first?.kind !== 'string') return;
    if (f.name === 'match' || f.name === 'reReplaceAll') {
      const err = regexpError(first.text);
      if (err !== undefined) this.report(first.at, 'invalid-regexp', `${f.name}: ${err}`);
    } else if (f.name === 'parseDuration') {
      const err = durationError(first.text, isAtLeast(this.version, '3.6'));
      if (err !== undefined) this.report(first.at, 'invalid-duration', `parseDuration: ${err}`);
    } else if (f.name === 'printf') {
      const wanted = printfArgCount(first.text);
      if (wanted !== undefined && wanted !== argc - 1) {
        this.report(
          first.at,
          'printf-args',
          `printf format ${first.quoted} wants ${wanted} argument${wanted === 1 ? '' : 's'}, got ${argc - 1}`,
        );
      }
    }
  }

  /** An argument evaluated for a parameter of kind `kind` of function `fn`. */
  private evalArg(arg: ArgNode, env: Env, kind: TemplateParamKind, fn: string): ValueType {
    let t: ValueType;
    switch (arg.kind) {
      case 'identifier':
        // A function name as an argument is a call with no arguments.
        t = this.callFunction(arg, [], undefined, env);
        break;
      case 'variable':
        t = this.variable(arg.ident, arg.at, env, false);
        break;
      case 'field':
        t = this.fields(env.dot, arg.ident, arg.at, env, false);
        break;
      case 'chain':
        t = this.fields(this.evalArg(arg.node, env, 'any', ''), arg.fields, arg.at, env, false);
        break;
      case 'pipe':
        t = this.evalPipe(arg, env, false);
        break;
      case 'dot':
        t = this.use(env.dot, arg.at, env);
        break;
      case 'nil':
        if (kind === 'string') this.report(arg.at, 'wrong-arg-type', `${fn}: cannot assign nil to string`);
        return 'unknown';
      case 'bool':
      case 'number':
        if (kind === 'string') this.report(arg.at, 'wrong-arg-type', `${fn}: expected string; found ${argString(arg)}`);
        return literalType(arg);
      case 'string':
        return 'string';
    }
    this.checkType(t, kind, fn, arg.at);
    return t;
  }

  private checkType(t: ValueType, kind: TemplateParamKind, fn: string, at: SourcePosition): void {
    if (kind === 'string' && NOT_STRINGS.has(t)) {
      this.report(at, 'wrong-arg-type', `${fn}: wrong type for value; expected string; got ${GO_TYPE_NAMES[t]}`);
    }
  }

  // --- values -----------------------------------------------------------------------------------

  /** `$x` or `$x.a.b`. */
  private variable(ident: readonly string[], at: SourcePosition, env: Env, hasArgs: boolean): ValueType {
    const t = lastVariable(env.vars, ident[0])?.type ?? 'unknown';
    if (ident.length === 1) return this.use(t, at, env);
    return this.fields(t, ident.slice(1), at, env, hasArgs);
  }

  /** Field accesses on a value of type `base`, recording `$labels.<name>` reads. */
  private fields(base: ValueType, names: readonly string[], at: SourcePosition, env: Env, hasArgs: boolean): ValueType {
    let t = base;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const last = i === names.length - 1;
      if (t === 'alert') {
        const next = ALERT_FIELDS[name];
        if (next === undefined) {
          this.report(at, 'unknown-field', `can't evaluate field ${name} in type ${GO_TYPE_NAMES.alert}`);
          return 'unknown';
        }
        if (last && hasArgs)
          this.report(at, 'not-a-function', `${name} has arguments but cannot be invoked as function`);
        t = next;
      } else if (t === 'labels' || t === 'externalLabels') {
        if (t === 'labels') this.labels.push({ name, line: at.line, column: at.column });
        if (last && hasArgs) this.report(at, 'not-a-function', `${name} is not a method but has arguments`);
        t = 'string';
      } else if (t === 'unknown') return 'unknown';
      else {
        this.report(at, 'unknown-field', `can't evaluate field ${name} in type ${GO_TYPE_NAMES[t]}`);
        return 'unknown';
      }
    }
    return this.use(t, at, env);
  }

  /** Notes a use of a value; the alert's value in a label is a warning. */
  private use(t: ValueType, at: SourcePosition, env: Env): ValueType {
    if (t === 'value') {
      this.report(
        at,
        'value-in-label',
        env.inCondition
          ? "the alert's value ($value) decides this label: each time the condition flips, the alert ends and a new one starts"
          : "the alert's value ($value) in a label: every new value ends the alert and starts a new one (resetting `for`); put it in an annotation",
      );
    }
    return t;
  }
}

/** Go's basic kinds, as text/template's comparison functions tell values apart. */
type BasicKind = 'float64' | 'int' | 'string' | 'bool';
const COMPARISON_FUNCTIONS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

/** The basic kind of an argument, when certain: a literal's own, the alert's value (float64), labels (string). */
function basicKind(node: ArgNode | undefined, t: ValueType): BasicKind | undefined {
  if (node?.kind === 'number')
    return node.numberKind === 'int' ? 'int' : node.numberKind === 'float' ? 'float64' : undefined;
  if (node?.kind === 'bool') return 'bool';
  if (node?.kind === 'string') return 'string';
  if (t === 'value' || t === 'float') return 'float64';
  if (t === 'string') return 'string';
  return undefined;
}

function paramKind(f: TemplateFunction, index: number): TemplateParamKind {
  return index < f.params.length ? f.params[index] : (f.variadic ?? 'any');
}

function lastVariable(vars: readonly Variable[], name: string): Variable | undefined {
  for (let i = vars.length - 1; i >= 0; i--) if (vars[i].name === name) return vars[i];
  return undefined;
}

function elementType(t: ValueType): ValueType {
  return t === 'labels' || t === 'externalLabels' ? 'string' : 'unknown';
}

function keyType(t: ValueType): ValueType {
  return t === 'labels' || t === 'externalLabels' ? 'string' : 'unknown';
}

function isLiteral(node: ArgNode): boolean {
  return node.kind === 'bool' || node.kind === 'number' || node.kind === 'string' || node.kind === 'nil';
}

function literalType(node: ArgNode): ValueType {
  if (node.kind === 'string') return 'string';
  if (node.kind === 'number') return 'number';
  return 'unknown';
}

function unique(diagnostics: readonly TemplateDiagnostic[]): TemplateDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function uniqueLabels(labels: readonly LabelReference[]): LabelReference[] {
  const seen = new Set<string>();
  return labels
    .filter((l) => {
      const key = `${l.line}:${l.column}:${l.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
