/**
 * Renders an alert's label and annotation templates as Prometheus would for a given alert (`$labels`,
 * `$value`, external labels and URL), so test expectations come from the rule's own text instead of a copy.
 * Covers what alert templates usually hold: variables, fields, `if`/`else`, comparisons, `printf` and the
 * `humanize*` family. Anything else (`query`, `range`, `template`, ...) is reported as not renderable: the
 * test then states that annotation itself.
 */
import { parseTemplate } from '../gotemplate';
import type * as T from '../gotemplate/ast';
import { goSprintf, goValue, humanize, humanize1024, humanizeDuration, humanizePercentage } from './go-format';

/** What an alert template sees. */
export interface TemplateData {
  readonly labels: Readonly<Record<string, string>>;
  /** The alert's value; undefined when the test does not state it. */
  readonly value?: number;
  readonly externalLabels?: Readonly<Record<string, string>>;
  readonly externalURL?: string;
}

/** Why a template could not be rendered here. */
export class NotRenderable extends Error {}

type Value = number | string | boolean | null | Readonly<Record<string, string>>;

/**
 * The rendered text, or throws NotRenderable naming what is missing (e.g. `$value` with no value stated)
 * or what the renderer does not cover.
 */
export function renderTemplate(text: string, data: TemplateData, prometheusVersion?: string): string {
  if (!text.includes('{{')) return text;
  const parsed = parseTemplate(text, { prometheusVersion });
  if (!parsed.complete || parsed.diagnostics.length > 0)
    throw new NotRenderable(`the template does not load: ${parsed.diagnostics[0]?.message ?? 'syntax error'}`);
  if (parsed.defines.length > 0) throw new NotRenderable('{{define}} and {{block}} are not rendered here');
  const dot: Record<string, Value> = {
    Labels: data.labels,
    ExternalLabels: data.externalLabels ?? {},
    ExternalURL: data.externalURL ?? '',
    Value: data.value ?? null,
  };
  const vars = new Map<string, Value>([
    ['$', dot as unknown as Value],
    ['$labels', data.labels],
    ['$externalLabels', data.externalLabels ?? {}],
    ['$externalURL', data.externalURL ?? ''],
    ['$value', data.value ?? null],
  ]);
  const needsValue = (v: Value): Value => {
    if (v === null) throw new NotRenderable('the template reads $value: state the value the alert has at that time');
    return v;
  };
  let out = '';
  const truthy = (v: Value): boolean => (typeof v === 'object' && v !== null ? Object.keys(v).length > 0 : Boolean(v));

  const field = (base: Value, names: readonly string[]): Value => {
    let v: Value = base;
    for (const n of names) {
      if (typeof v !== 'object' || v === null) throw new NotRenderable(`cannot read .${n} of a ${typeof v}`);
      // Prometheus executes templates with missingkey=zero: a missing label reads as "".
      v = Object.prototype.hasOwnProperty.call(v, n) ? (v as Record<string, Value>)[n] : '';
    }
    return v;
  };

  const arg = (a: T.ArgNode): Value => {
    switch (a.kind) {
      case 'variable': {
        const name = a.ident[0];
        if (!vars.has(name)) throw new NotRenderable(`undefined variable ${name}`);
        const base = vars.get(name) as Value;
        const v = field(base, a.ident.slice(1));
        return name === '$value' ? needsValue(v) : v;
      }
      case 'field': {
        const v = field(dot as unknown as Value, a.ident);
        return a.ident[0] === 'Value' ? needsValue(v) : v;
      }
      case 'dot':
        return dot as unknown as Value;
      case 'string':
        return a.text;
      case 'number':
        if (a.numberKind === 'complex') throw new NotRenderable('complex numbers are not rendered here');
        return Number(a.text.replace(/_/g, ''));
      case 'bool':
        return a.value;
      case 'nil':
        return null;
      case 'pipe':
        return pipe(a);
      case 'identifier':
        return call(a.name, []);
      case 'chain':
        return field(arg(a.node), a.fields);
    }
  };

  const num = (v: Value, fn: string): number => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    throw new NotRenderable(`${fn} of a non-number`);
  };

  const compare = (a: Value, b: Value): number => {
    if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    throw new NotRenderable('comparison of different kinds');
  };

  const call = (name: string, args: Value[]): Value => {
    const one = (): Value => {
      if (args.length !== 1) throw new NotRenderable(`${name} takes one argument`);
      return args[0];
    };
    switch (name) {
      case 'humanize':
        return humanize(num(one(), name));
      case 'humanize1024':
        return humanize1024(num(one(), name));
      case 'humanizeDuration':
        return humanizeDuration(num(one(), name));
      case 'humanizePercentage':
        return humanizePercentage(num(one(), name));
      case 'printf':
        try {
          return goSprintf(String(args[0]), args.slice(1));
        } catch (e) {
          throw new NotRenderable(e instanceof Error ? e.message : String(e));
        }
      case 'print':
        return args.map(show).join('');
      case 'toUpper':
        return String(one()).toUpperCase();
      case 'toLower':
        return String(one()).toLowerCase();
      case 'title':
        return String(one()).replace(
          /(^|[^\p{L}\p{N}_'])(\p{L})/gu,
          (_m, pre: string, c: string) => pre + c.toUpperCase(),
        );
      case 'stripPort': {
        const s = String(one());
        const m = /^(.*):\d+$/.exec(s);
        return m ? m[1].replace(/^\[(.*)\]$/, '$1') : s;
      }
      case 'not':
        return !truthy(one());
      case 'and': {
        for (const v of args) if (!truthy(v)) return v;
        return args[args.length - 1];
      }
      case 'or': {
        for (const v of args) if (truthy(v)) return v;
        return args[args.length - 1];
      }
      case 'eq':
        return args.slice(1).some((b) => compare(args[0], b) === 0);
      case 'ne':
        return compare(args[0], args[1]) !== 0;
      case 'lt':
        return compare(args[0], args[1]) < 0;
      case 'le':
        return compare(args[0], args[1]) <= 0;
      case 'gt':
        return compare(args[0], args[1]) > 0;
      case 'ge':
        return compare(args[0], args[1]) >= 0;
      case 'index': {
        const [m, k] = args;
        return field(m, [String(k)]);
      }
      case 'len': {
        const v = one();
        if (typeof v === 'string') return Array.from(new TextEncoder().encode(v)).length;
        if (typeof v === 'object' && v !== null) return Object.keys(v).length;
        throw new NotRenderable('len of a non-collection');
      }
      default:
        throw new NotRenderable(`the function ${name} is not rendered here`);
    }
  };

  function pipe(p: T.PipeNode): Value {
    let v: Value | undefined;
    for (const cmd of p.cmds) {
      const head = cmd.args[0];
      if (head.kind === 'identifier') {
        const args = cmd.args.slice(1).map(arg);
        if (v !== undefined) args.push(v);
        v = call(head.name, args);
      } else {
        if (cmd.args.length > 1) throw new NotRenderable('arguments to a non-function');
        if (v !== undefined) throw new NotRenderable('a value piped into a non-function');
        v = arg(head);
      }
    }
    const result = v === undefined ? null : v;
    for (const d of p.decl) vars.set(d.ident[0], result);
    return result;
  }

  const walk = (list: T.ListNode): void => {
    for (const n of list.nodes) {
      switch (n.kind) {
        case 'text':
          out += n.text;
          break;
        case 'comment':
          break;
        case 'action': {
          const v = pipe(n.pipe);
          if (n.pipe.decl.length === 0) out += show(v);
          break;
        }
        case 'if':
          if (truthy(pipe(n.pipe))) walk(n.list);
          else if (n.elseList) walk(n.elseList);
          break;
        default:
          throw new NotRenderable(`{{${n.kind}}} is not rendered here`);
      }
    }
  };
  walk(parsed.root);
  return out;
}

/** How text/template prints a value. */
function show(v: Value): string {
  if (v === null) return '<no value>';
  if (typeof v === 'number') return goValue(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  throw new NotRenderable('printing a map');
}
