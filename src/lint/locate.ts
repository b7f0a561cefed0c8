/**
 * From a location inside a rule (its name, `for`, a label, an offset in its expression) to the line and
 * column in the file, through the rule's position-tree nodes.
 */
import type { RuleLocation } from '../checks/rule-data';
import type { LintRule } from './rule-model';
import { mappingEntry, type FilePosition } from './yaml-source';

/** The file position of `location` in `rule`. */
export function locate(rule: LintRule, location: RuleLocation): FilePosition {
  const src = rule.group.file.source;
  const fallback = (): FilePosition => src.nodePosition(rule.nameNode ?? rule.node);
  switch (location.at) {
    case 'name':
      return fallback();
    case 'for':
      return rule.forNode !== undefined ? src.nodePosition(rule.forNode) : fallback();
    case 'expr':
      return rule.exprNode !== undefined ? src.scalarPosition(rule.exprNode, rule.expr, location.offset) : fallback();
    case 'label':
    case 'annotation': {
      const mapNode = location.at === 'label' ? rule.labelsNode : rule.annotationsNode;
      const values = location.at === 'label' ? rule.labels : rule.annotations;
      const entry = mappingEntry(src, mapNode, location.key);
      if (!entry) return mapNode !== undefined ? src.nodePosition(mapNode) : fallback();
      if (location.offset === undefined || entry.value === undefined) return src.nodePosition(entry.key);
      return src.scalarPosition(entry.value, values[location.key] ?? '', location.offset);
    }
  }
}
