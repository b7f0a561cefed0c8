/**
 * Go's `String()` of parse-tree nodes, for messages such as "can't give argument to non-function $x".
 */
import type { ArgNode, CommandNode, PipeNode } from './ast';

/** The source-like text Go prints for an operand. */
export function argString(node: ArgNode): string {
  switch (node.kind) {
    case 'identifier':
      return node.name;
    case 'variable':
      return node.ident.join('.');
    case 'field':
      return `.${node.ident.join('.')}`;
    case 'chain':
      return `${node.node.kind === 'pipe' ? `(${pipeString(node.node)})` : argString(node.node)}.${node.fields.join('.')}`;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'pipe':
      return `(${pipeString(node)})`;
  }
}

/** `$x := f a | g`. */
export function pipeString(pipe: PipeNode): string {
  const decl =
    pipe.decl.length > 0 ? `${pipe.decl.map((v) => v.ident.join('.')).join(', ')} ${pipe.isAssign ? '=' : ':='} ` : '';
  return decl + pipe.cmds.map(commandString).join(' | ');
}

function commandString(cmd: CommandNode): string {
  return cmd.args.map(argString).join(' ');
}
