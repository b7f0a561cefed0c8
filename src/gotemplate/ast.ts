/**
 * The parse tree of a Go text/template, after `text/template/parse/node.go`, with a source position on
 * every node.
 */
import type { SourcePosition } from './source-position';

/** A sequence of nodes: a template's body, or the body of an `if`/`range`/`with`/`else`. */
export interface ListNode {
  readonly kind: 'list';
  readonly at: SourcePosition;
  readonly nodes: TemplateNode[];
}

/** Plain text between actions (after trim markers are applied). */
export interface TextNode {
  readonly kind: 'text';
  readonly at: SourcePosition;
  readonly text: string;
}

/** `{{/* ... *\/}}`. */
export interface CommentNode {
  readonly kind: 'comment';
  readonly at: SourcePosition;
  readonly text: string;
}

/** `{{ pipeline }}`: prints the pipeline's value (or only declares variables). */
export interface ActionNode {
  readonly kind: 'action';
  readonly at: SourcePosition;
  readonly pipe: PipeNode;
}

/** `{{if}}`, `{{range}}` or `{{with}}` with its body and optional `{{else}}` body. */
export interface BranchNode {
  readonly kind: 'if' | 'range' | 'with';
  readonly at: SourcePosition;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  /** The `{{else}}` body; an `{{else if}}` / `{{else with}}` is an else body holding one nested branch. */
  elseList?: ListNode;
}

/** `{{template "name" pipeline}}`, or the call a `{{block "name" pipeline}}` makes. */
export interface TemplateCallNode {
  readonly kind: 'template';
  readonly at: SourcePosition;
  readonly name: string;
  readonly pipe?: PipeNode;
  /** True when this call comes from `{{block}}`, which also defines the template. */
  readonly block: boolean;
}

/** `{{break}}` or `{{continue}}` inside a `{{range}}`. */
export interface LoopControlNode {
  readonly kind: 'break' | 'continue';
  readonly at: SourcePosition;
}

/** What a template body holds. */
export type TemplateNode = TextNode | CommentNode | ActionNode | BranchNode | TemplateCallNode | LoopControlNode;

/** `$x := cmd | cmd`: declarations (or assignments with `=`) and the commands, left to right. */
export interface PipeNode {
  readonly kind: 'pipe';
  readonly at: SourcePosition;
  readonly decl: VariableNode[];
  isAssign: boolean;
  readonly cmds: CommandNode[];
}

/** One command of a pipeline: a function or value and its space-separated arguments. */
export interface CommandNode {
  readonly kind: 'command';
  readonly at: SourcePosition;
  readonly args: ArgNode[];
}

/** A function name, e.g. `humanize`. */
export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly at: SourcePosition;
  readonly name: string;
}

/** `$x` or `$x.Field.Key`: `ident` is `['$x', 'Field', 'Key']`. */
export interface VariableNode {
  readonly kind: 'variable';
  readonly at: SourcePosition;
  readonly ident: string[];
}

/** `.Field.Key` on dot: `ident` is `['Field', 'Key']`. */
export interface FieldNode {
  readonly kind: 'field';
  readonly at: SourcePosition;
  readonly ident: string[];
}

/** Fields on a parenthesized pipeline or function result: `(query "up").Labels`. */
export interface ChainNode {
  readonly kind: 'chain';
  readonly at: SourcePosition;
  readonly node: ArgNode;
  readonly fields: string[];
}

/** `.` */
export interface DotNode {
  readonly kind: 'dot';
  readonly at: SourcePosition;
}

/** `nil` */
export interface NilNode {
  readonly kind: 'nil';
  readonly at: SourcePosition;
}

/** `true` or `false`. */
export interface BoolNode {
  readonly kind: 'bool';
  readonly at: SourcePosition;
  readonly value: boolean;
}

/** A number or character constant, as written (`1.5`, `0x1F`, `'a'`, `1+2i`). */
export interface NumberNode {
  readonly kind: 'number';
  readonly at: SourcePosition;
  readonly text: string;
  readonly numberKind: 'int' | 'float' | 'complex';
}

/** A string constant: `quoted` as written, `text` after Go's unquoting. */
export interface StringNode {
  readonly kind: 'string';
  readonly at: SourcePosition;
  readonly quoted: string;
  readonly text: string;
}

/** An operand of a command. A parenthesized pipeline is a {@link PipeNode}. */
export type ArgNode =
  | IdentifierNode
  | VariableNode
  | FieldNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** A template defined by `{{define "name"}}...{{end}}` or `{{block "name" ...}}...{{end}}`. */
export interface DefinedTemplate {
  readonly name: string;
  readonly at: SourcePosition;
  readonly root: ListNode;
  readonly viaBlock: boolean;
}
