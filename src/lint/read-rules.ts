/**
 * From YAML documents to rule groups: plain rule files, PrometheusRule manifests and Kubernetes Lists,
 * with the `yaml/structure` findings on the way — everything Prometheus's rule file loader (rulefmt) or the
 * PrometheusRule CRD refuses about the shape of the file.
 */
import { isAtLeast, type PrometheusVersion } from '../promql/version';
import { checkGroupFields, checkRuleFields } from '../checks/fields';
import type { LintFile, LintGroup, LintRule, Report, RuleScope } from './rule-model';
import { mappingEntries, mappingEntry, sequenceItems, type YamlDocument, type YNode } from './yaml-source';

/** What reading needs to know. */
export interface ReadContext {
  readonly report: Report;
  readonly version: PrometheusVersion;
  /** Extra group and rule fields the user's ruler accepts (Thanos's `partial_response_strategy`, ...). */
  readonly extraFields: ReadonlySet<string>;
}

/** Rule fields allowed in each scope. */
function ruleFields(ctx: ReadContext, scope: RuleScope): ReadonlySet<string> {
  const allowed = new Set([...RULE_FIELDS, ...ctx.extraFields]);
  if (!isAtLeast(ctx.version, '2.42') && scope === 'rule-file') allowed.delete('keep_firing_for');
  return allowed;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
const MANIFEST_GROUP_FIELDS = [
  'name',
  'interval',
  'labels',
  'limit',
  'partial_response_strategy',
  'query_offset',
  'rules',
];

/** Group fields of plain rule files by the release that added them. */
function ruleFileGroupFields(version: PrometheusVersion): string[] {
  const fields = ['name', 'interval', 'rules'];
  if (isAtLeast(version, '2.31')) fields.push('limit');
  if (isAtLeast(version, '2.53')) fields.push('query_offset');
  if (isAtLeast(version, '3.0')) fields.push('labels');
  return fields;
}

/** Reads the rule groups of a file's documents, reporting structural problems. */
export function readRuleGroups(file: LintFile, documents: readonly YamlDocument[], ctx: ReadContext): LintGroup[] {
  const groups: LintGroup[] = [];
  let ruleDocuments = 0;
  const visit = (value: unknown, node: YNode | undefined, topLevel: boolean): void => {
    const at = (n: YNode | undefined, message: string, fatal = true, fix?: string): void =>
      ctx.report({
        check: 'yaml/structure',
        message,
        fatal,
        fix,
        file,
        position: (n ?? node) ? file.source.nodePosition((n ?? node)!) : { line: 1, column: 1 },
        group: null,
      });
    if (value === null || value === undefined) return;
    if (!isObj(value)) {
      if (file.explicit && topLevel)
        at(node, `expected a rule file (a mapping with "groups") or a Kubernetes object, got ${describe(value)}`);
      return;
    }
    const kind = value.kind;
    if (value.apiVersion !== undefined || kind !== undefined) {
      if (kind === 'PrometheusRule') {
        groups.push(...readManifest(file, value, node, ctx));
      } else if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
        const itemsNode = mappingEntry(file.source, node, 'items')?.value;
        const itemNodes = sequenceItems(file.source, itemsNode);
        value.items.forEach((item, i) => visit(item, itemNodes[i] ?? itemsNode ?? node, false));
      }
      return;
    }
    if (!('groups' in value)) {
      if (file.explicit && topLevel && Object.keys(value).length > 0) {
        for (const key of Object.keys(value)) {
          if (key === '[object Object]')
            at(node, 'a mapping used as a mapping key: not a rule file (an unrendered template?)');
          else
            at(
              mappingEntry(file.source, node, key)?.key,
              `field ${key} not found in type rulefmt.RuleGroups: a rule file holds "groups"`,
            );
        }
      }
      return;
    }
    ruleDocuments++;
    if (ruleDocuments === 2) {
      at(
        node,
        'Prometheus and promtool read only the first YAML document of a rule file: the rules of this one are ignored',
        true,
        'move each document to a file of its own, or merge their groups',
      );
    }
    for (const key of Object.keys(value)) {
      if (key !== 'groups')
        at(
          mappingEntry(file.source, node, key)?.key,
          `field ${key} not found in type rulefmt.RuleGroups`,
          true,
          'remove it; a rule file holds only "groups"',
        );
    }
    groups.push(
      ...readGroups(
        file,
        'rule-file',
        undefined,
        value.groups,
        mappingEntry(file.source, node, 'groups')?.value ?? node,
        ctx,
      ),
    );
  };
  for (const doc of documents) visit(doc.value, doc.node, true);
  return groups;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isObj(value)) return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return typeof value;
}

function readManifest(file: LintFile, value: Obj, node: YNode | undefined, ctx: ReadContext): LintGroup[] {
  const src = file.source;
  const at = (n: YNode | undefined, message: string, fix?: string): void =>
    ctx.report({
      check: 'yaml/structure',
      message,
      fatal: true,
      fix,
      file,
      position: src.nodePosition(n ?? node!),
      group: null,
    });
  if (value.apiVersion !== 'monitoring.coreos.com/v1') {
    at(
      mappingEntry(src, node, 'apiVersion')?.value ?? node,
      `PrometheusRule apiVersion must be "monitoring.coreos.com/v1", got ${JSON.stringify(value.apiVersion ?? null)}`,
      'set apiVersion: monitoring.coreos.com/v1',
    );
  }
  const metadata = value.metadata;
  const metadataNode = mappingEntry(src, node, 'metadata')?.value;
  let name = '';
  let namespace = '';
  if (!isObj(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    at(metadataNode ?? node, 'a PrometheusRule needs metadata.name', 'give it a name');
  } else {
    name = metadata.name;
    namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  }
  const spec = value.spec;
  const specNode = mappingEntry(src, node, 'spec')?.value;
  if (!isObj(spec)) {
    at(specNode ?? node, 'a PrometheusRule needs a spec with groups', 'add spec.groups');
    return [];
  }
  for (const key of Object.keys(spec)) {
    if (key !== 'groups')
      at(
        mappingEntry(src, specNode, key)?.key,
        `unknown field "spec.${key}" in PrometheusRule`,
        'remove it; spec holds only "groups"',
      );
  }
  if (!('groups' in spec)) {
    at(specNode ?? node, 'a PrometheusRule needs spec.groups', 'add spec.groups');
    return [];
  }
  return readGroups(
    file,
    'manifest',
    namespace ? `${namespace}/${name}` : name,
    spec.groups,
    mappingEntry(src, specNode, 'groups')?.value ?? specNode,
    ctx,
  );
}

function readGroups(
  file: LintFile,
  scope: RuleScope,
  manifest: string | undefined,
  value: unknown,
  node: YNode | undefined,
  ctx: ReadContext,
): LintGroup[] {
  const src = file.source;
  const where = scope === 'manifest' ? 'spec.groups' : 'groups';
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    ctx.report({
      check: 'yaml/structure',
      message: `${where} must be a list of rule groups, got ${describe(value)}`,
      fatal: true,
      file,
      position: src.nodePosition(node!),
      group: null,
    });
    return [];
  }
  const items = sequenceItems(src, node);
  const groups: LintGroup[] = [];
  const seen = new Set<string>();
  const allowed = new Set([
    ...(scope === 'manifest' ? MANIFEST_GROUP_FIELDS : ruleFileGroupFields(ctx.version)),
    ...ctx.extraFields,
  ]);
  value.forEach((g, gi) => {
    const gNode = items[gi] ?? node!;
    const report = (n: YNode | undefined, message: string, group: string | null, fatal = true, fix?: string): void =>
      ctx.report({ check: 'yaml/structure', message, fatal, fix, file, position: src.nodePosition(n ?? gNode), group });
    if (!isObj(g)) {
      report(gNode, `a rule group must be a mapping, got ${describe(g)}`, null);
      return;
    }
    const nameEntry = mappingEntry(src, gNode, 'name');
    const name = scalarField(g, 'name', (m) => report(nameEntry?.value, m, null)) ?? '';
    for (const key of Object.keys(g)) {
      if (!allowed.has(key)) {
        const known =
          scope === 'rule-file' && MANIFEST_GROUP_FIELDS.includes(key)
            ? ` (not in Prometheus ${ctx.version.major}.${ctx.version.minor} rule files)`
            : '';
        report(
          mappingEntry(src, gNode, key)?.key,
          `field ${key} not found in rule group${known}`,
          name,
          true,
          known
            ? 'raise prometheusVersion in .watchkeeper.yaml if your Prometheus is newer, or remove the field'
            : 'remove or rename it (fields: ' + [...allowed].join(', ') + ')',
        );
      }
    }
    const fields: Record<string, string | undefined> = {};
    for (const field of ['interval', 'query_offset', 'limit'])
      fields[field] = scalarField(g, field, (m) => report(mappingEntry(src, gNode, field)?.value, m, name));
    const fieldProblems = checkGroupFields({ name, ...fields }, seen, scope === 'manifest' ? 'PrometheusRule' : 'file');
    for (const p of fieldProblems) {
      const n = p.field === 'name' ? nameEntry?.value : mappingEntry(src, gNode, p.field)?.value;
      report(n, p.message, p.field === 'name' && name === '' ? null : name, true, p.fix);
    }
    const labelsEntry = mappingEntry(src, gNode, 'labels');
    const labels = stringMap(g, 'labels', labelsEntry?.value, (n, m) => report(n ?? labelsEntry?.value, m, name));
    const group: LintGroup = {
      file,
      scope,
      manifest,
      name,
      node: gNode,
      nameNode: nameEntry?.value,
      labels,
      rules: [],
    };
    groups.push(group);
    const rulesEntry = mappingEntry(src, gNode, 'rules');
    const rules = g.rules;
    if (rules === null || rules === undefined) return;
    if (!Array.isArray(rules)) {
      report(rulesEntry?.value, `rules must be a list, got ${describe(rules)}`, name);
      return;
    }
    const ruleNodes = sequenceItems(src, rulesEntry?.value);
    const allowedRuleFields = ruleFields(ctx, scope);
    rules.forEach((r, ri) => {
      const rule = readRule(group, ri, r, ruleNodes[ri] ?? rulesEntry?.value ?? gNode, allowedRuleFields, ctx);
      if (rule) group.rules.push(rule);
    });
  });
  return groups;
}

/** A scalar field as text; undefined when absent or null; reports non-scalars. */
function scalarField(obj: Obj, key: string, report: (message: string) => void): string | undefined {
  const v = obj[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  report(`${key} must be a single value, got ${describe(v)}`);
  return undefined;
}

/** A labels/annotations mapping; reports a non-mapping or non-scalar values. */
function stringMap(
  obj: Obj,
  key: string,
  node: YNode | undefined,
  report: (node: YNode | undefined, message: string) => void,
): Record<string, string> {
  const v = obj[key];
  if (v === null || v === undefined) return {};
  if (!isObj(v)) {
    report(node, `${key} must be a mapping of names to values, got ${describe(v)}`);
    return {};
  }
  const values: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) values[k] = '';
    else if (typeof val === 'string') values[k] = val;
    else report(undefined, `${key}.${k} must be a single value, got ${describe(val)}`);
  }
  return values;
}

function readRule(
  group: LintGroup,
  index: number,
  value: unknown,
  node: YNode,
  allowed: ReadonlySet<string>,
  ctx: ReadContext,
): LintRule | undefined {
  const file = group.file;
  const src = file.source;
  const report = (n: YNode | undefined, message: string, ruleName: string | null, fix?: string): void =>
    ctx.report({
      check: 'yaml/structure',
      message,
      fatal: true,
      fix,
      file,
      position: src.nodePosition(n ?? node),
      group: group.name,
      ruleName: ruleName ?? undefined,
    });
  if (!isObj(value)) {
    report(node, `rule ${index + 1}: a rule must be a mapping, got ${describe(value)}`, null);
    return undefined;
  }
  const entries = mappingEntries(src, node);
  const entry = (k: string): { key: YNode; value?: YNode } | undefined => entries.get(k);
  const field = (k: string): string | undefined =>
    scalarField(value, k, (m) => report(entry(k)?.value, `rule ${index + 1}: ${m}`, null));
  const record = field('record') ?? '';
  const alert = field('alert') ?? '';
  const expr = field('expr') ?? '';
  const forValue = field('for');
  const keepFiringFor = field('keep_firing_for');
  const labels = stringMap(value, 'labels', entry('labels')?.value, (n, m) =>
    report(n ?? entry('labels')?.value, `rule ${index + 1}: ${m}`, null),
  );
  const annotations = stringMap(value, 'annotations', entry('annotations')?.value, (n, m) =>
    report(n ?? entry('annotations')?.value, `rule ${index + 1}: ${m}`, null),
  );
  const name = alert || record;
  const label = `rule ${index + 1} (${JSON.stringify(name)})`;
  const problems: Array<[YNode | undefined, string, string?]> = [];
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      problems.push([
        entry(key)?.key,
        `field ${key} not found in rule`,
        key === 'keep_firing_for'
          ? 'keep_firing_for needs Prometheus 2.42 or later'
          : `remove or rename it (fields: ${RULE_FIELDS.join(', ')})`,
      ]);
    }
  }
  if (record !== '' && alert !== '')
    problems.push([
      entry('alert')?.key,
      "only one of 'record' and 'alert' must be set",
      'split it into a recording rule and an alerting rule',
    ]);
  if (record === '' && alert === '')
    problems.push([
      node,
      "one of 'record' or 'alert' must be set",
      'add alert: <Name> or record: <level:metric:operations>',
    ]);
  const fieldKind = record !== '' && alert === '' ? 'record' : 'alert';
  for (const p of checkRuleFields({
    kind: fieldKind,
    for: forValue,
    keep_firing_for: keepFiringFor,
    hasAnnotations: Object.keys(annotations).length > 0,
  })) {
    // A recording rule's extra field points at its key; a bad duration at its value.
    const e = entry(p.field);
    problems.push([p.message.startsWith('invalid field') ? e?.key : e?.value, p.message, p.fix]);
  }
  for (const [n, message, fix] of problems) report(n, `${label}: ${message}`, name, fix);
  if ((record === '') === (alert === '')) return undefined;
  const kind = alert !== '' ? 'alert' : 'record';
  return {
    group,
    index,
    kind,
    name,
    node,
    nameNode: entry(kind)?.value,
    expr,
    // An empty value's node starts wherever the next content is: point at the key instead.
    exprNode:
      entry('expr')?.value !== undefined && src.tree.kind(entry('expr')!.value!) !== 'empty'
        ? entry('expr')?.value
        : entry('expr')?.key,
    for: forValue,
    forNode: entry('for')?.value,
    keepFiringFor,
    labels,
    labelsNode: entry('labels')?.value,
    annotations,
    annotationsNode: entry('annotations')?.value,
    groupLabels: group.labels,
  };
}
