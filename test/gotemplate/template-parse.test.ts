import {
  templateFunctionArity,
  findTemplateFunction,
  lexTemplate,
  parseTemplate,
  templateFunctionsFor,
  TEMPLATE_FUNCTIONS,
  type TemplateAst,
} from '../../src/gotemplate';

function kinds(text: string): string[] {
  return lexTemplate(text).map((t) => (t.kind === 'space' ? '_' : t.kind));
}

describe('lexTemplate', () => {
  it('splits text and actions into Go tokens', () => {
    expect(kinds('a {{ $x := .Labels.b | printf "%s" }}')).toEqual([
      'text',
      'leftDelim',
      '_',
      'variable',
      '_',
      'declare',
      '_',
      'field',
      'field',
      '_',
      'pipe',
      '_',
      'identifier',
      '_',
      'string',
      '_',
      'rightDelim',
      'eof',
    ]);
  });

  it('applies trim markers only with the space, so {{-3}} is the number -3', () => {
    const trimmed = lexTemplate('a \n {{- 1 -}} \t b');
    expect(trimmed.filter((t) => t.kind === 'text').map((t) => t.value)).toEqual(['a', 'b']);
    expect(lexTemplate('{{-3}}').find((t) => t.kind === 'number')?.value).toBe('-3');
    expect(kinds('{{ 1 -}}')).toEqual(['leftDelim', '_', 'number', 'rightDelim', 'eof']);
  });

  it("reads comments, keywords, raw strings over lines, and ends with Go's error", () => {
    expect(kinds('{{/* c */}}{{ if . }}{{ end }}')).toEqual([
      'comment',
      'leftDelim',
      '_',
      'if',
      '_',
      'dot',
      '_',
      'rightDelim',
      'leftDelim',
      '_',
      'end',
      '_',
      'rightDelim',
      'eof',
    ]);
    expect(lexTemplate('{{ `a\nb` }}')[2]).toMatchObject({ kind: 'rawString', value: '`a\nb`' });
    expect(lexTemplate('x {{ "abc').pop()).toEqual({ kind: 'error', value: 'unterminated quoted string', offset: 5 });
  });
});

describe('parseTemplate', () => {
  it('builds the tree with positions', () => {
    const parsed = parseTemplate('Hi {{ $labels.job | toUpper }}\n{{ if $value }}x{{ else if 1 }}y{{ end }}');
    expect(parsed.complete).toBe(true);
    expect(parsed.diagnostics).toEqual([]);
    const [text, action, , branch] = parsed.root.nodes as [
      TemplateAst.TemplateNode,
      TemplateAst.ActionNode,
      TemplateAst.TemplateNode,
      TemplateAst.BranchNode,
    ];
    expect(text).toMatchObject({ kind: 'text', text: 'Hi ' });
    expect(action.pipe.cmds.map((c) => c.args.map((a) => a.kind))).toEqual([['variable'], ['identifier']]);
    expect(action.pipe.cmds[0].args[0]).toMatchObject({ ident: ['$labels', 'job'], at: { line: 1, column: 7 } });
    expect(branch).toMatchObject({ kind: 'if', at: { line: 2, column: 4 } });
    expect(branch.elseList?.nodes[0]).toMatchObject({ kind: 'if' });
  });

  it('lists {{define}} and {{block}} bodies', () => {
    const parsed = parseTemplate('{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}');
    expect(parsed.defines.map((d) => [d.name, d.viaBlock])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(parsed.root.nodes).toEqual([expect.objectContaining({ kind: 'template', name: 'b', block: true })]);
  });

  it('keeps what it parsed before a syntax error', () => {
    const parsed = parseTemplate('{{ $labels.a }}{{ if $labels.b }}{{ $labels.c | ');
    expect(parsed.complete).toBe(false);
    expect(parsed.diagnostics.map((d) => d.message)).toEqual(['unclosed action']);
    expect(parsed.root.nodes.map((n) => n.kind)).toEqual(['action', 'if']);
  });

  it('reports absurd nesting instead of exhausting the stack', () => {
    const deep = '{{ if 1 }}'.repeat(600) + '{{ end }}'.repeat(600);
    expect(parseTemplate(deep).diagnostics.map((d) => d.message)).toEqual([
      'nesting deeper than 500 levels is not checked',
    ]);
    expect(parseTemplate('{{ if 1 }}'.repeat(100) + '{{ end }}'.repeat(100)).diagnostics).toEqual([]);
  });

  it('takes other predeclared variables, and always $', () => {
    expect(parseTemplate('{{ $foo }}{{ $ }}', { predeclared: ['$foo'] }).diagnostics).toEqual([]);
    expect(parseTemplate('{{ $labels }}', { predeclared: [] }).diagnostics.map((d) => d.message)).toEqual([
      'undefined variable "$labels"',
    ]);
  });
});

describe('template function table', () => {
  it("has Go's builtins and Prometheus's functions, by release", () => {
    const names242 = [...templateFunctionsFor('2.42').keys()];
    expect(names242).toEqual(
      expect.arrayContaining(['printf', 'index', 'call', 'query', 'humanizePercentage', 'toTime', 'stripDomain']),
    );
    expect(names242).not.toEqual(expect.arrayContaining(['now']));
    expect([...templateFunctionsFor('3.8').keys()]).toEqual(
      expect.arrayContaining(['now', 'toDuration', 'urlQueryEscape']),
    );
    expect(TEMPLATE_FUNCTIONS.length).toBe(new Set(TEMPLATE_FUNCTIONS.map((f) => f.name)).size);
  });

  it("knows each function's argument count", () => {
    const arity = (name: string) => {
      const f = findTemplateFunction(name);
      if (!f) throw new Error(name);
      return templateFunctionArity(f);
    };
    expect(arity('humanize')).toEqual({ min: 1, max: 1 });
    expect(arity('reReplaceAll')).toEqual({ min: 3, max: 3 });
    expect(arity('printf')).toEqual({ min: 1, max: Infinity });
    expect(arity('label')).toEqual({ min: 2, max: 2 });
    expect(arity('match')).toEqual({ min: 2, max: 2 });
    expect(arity('eq')).toEqual({ min: 2, max: Infinity });
    expect(arity('externalURL')).toEqual({ min: 0, max: 0 });
  });
});
