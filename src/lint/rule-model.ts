/**
 * What the checks look at: rule groups and rules read from files. A rule's content ({@link RuleData}) is
 * plain data, so the per-rule checks can run in a worker thread; findings point into the rule with a
 * {@link RuleLocation} that the main thread turns into a file position through the rule's position-tree
 * nodes.
 */
import type { FilePosition, YamlSource, YNode } from './yaml-source';
import type { GroupOrigin } from '../checks/load-sets';
import type { FindingTier, RuleData } from '../checks/rule-data';
import type { CheckId, DiagnosticSeverity } from './types';

/** A file being linted. */
export interface LintFile {
  /** The path shown in diagnostics. */
  readonly path: string;
  readonly source: YamlSource;
  /**
   * Named on the command line (or handed over directly) rather than found by walking a directory: a
   * document that is not rules is then a finding, not something to skip.
   */
  readonly explicit: boolean;
}

/** Where rules come from: a plain rule file (Prometheus, Thanos, Mimir) or a PrometheusRule manifest. */
export type RuleScope = GroupOrigin['scope'];

/** A rule group as read. */
export interface LintGroup {
  readonly file: LintFile;
  readonly scope: RuleScope;
  /** `namespace/name` of the PrometheusRule holding the group, for manifests. */
  readonly manifest?: string;
  readonly name: string;
  /** The group's mapping node. */
  readonly node: YNode;
  readonly nameNode?: YNode;
  /** Group labels (Prometheus >= 3.0), added to every rule's labels. */
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: LintRule[];
}

/** A rule as read: its content and where its parts are. */
export interface LintRule extends RuleData {
  readonly group: LintGroup;
  /** 0-based index in the group. */
  readonly index: number;
  /** The rule's mapping node. */
  readonly node: YNode;
  readonly nameNode?: YNode;
  readonly exprNode?: YNode;
  readonly forNode?: YNode;
  readonly labelsNode?: YNode;
  readonly annotationsNode?: YNode;
  readonly keepFiringFor?: string;
}

/** A finding before severities and suppressions are applied. */
export interface Finding {
  readonly check: CheckId;
  readonly message: string;
  /** @default the check's fix hint */
  readonly fix?: string;
  /** This finding's default severity. @default the check's */
  readonly severity?: DiagnosticSeverity;
  /** Prometheus (or the operator) refuses the file: always an error, never disabled by comments. */
  readonly fatal?: boolean;
  /** See {@link RuleFinding.tier}. */
  readonly tier?: FindingTier;
  readonly file: LintFile;
  readonly position: FilePosition;
  readonly group?: string | null;
  /** The rule it is about, for its name and its `watchkeeper-disable` comments. */
  readonly rule?: LintRule;
  /** The rule's name when the finding is about a rule too broken to read (`rule` is then absent). */
  readonly ruleName?: string;
}

/** Where findings go. */
export type Report = (finding: Finding) => void;
