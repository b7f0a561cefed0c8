/**
 * SloRules: the construct that puts SLOs into the cluster, as one PrometheusRule (and its plain rule file)
 * holding every SLO's groups, split at 20 rules.
 */
import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import { constructsOfType, formatProblem, markRefused, memoDuringSynth } from '../core';
import { PrometheusRule, PrometheusRuleProps } from '../rules';
import { DEFAULT_MAX_RULES_PER_GROUP, Slo, SloRuleGroupOptions } from './slo';

/** Settings of an SloRules. */
export interface SloRulesProps extends Omit<PrometheusRuleProps, 'groups'>, Omit<SloRuleGroupOptions, 'name'> {
  /** SLOs to start with; more can be added with addSlo. @default [] */
  readonly slos?: readonly Slo[];
}

/**
 * A PrometheusRule with the recording rules and alerts of SLOs: one or more groups per SLO, each at most
 * `maxRulesPerGroup` rules. Checks at synth that no two SLOs in the app share a service and name (their
 * series would collide).
 */
export class SloRules extends Construct {
  /** The PrometheusRule holding the groups. */
  readonly prometheusRule: PrometheusRule;
  private readonly list: Slo[] = [];
  private readonly options: Omit<SloRuleGroupOptions, 'name'>;

  constructor(scope: Construct, id: string, props: SloRulesProps = {}) {
    super(scope, id);
    const { slos, maxRulesPerGroup, interval, ...ruleProps } = props;
    this.options = { maxRulesPerGroup: maxRulesPerGroup ?? DEFAULT_MAX_RULES_PER_GROUP, interval };
    this.prometheusRule = new PrometheusRule(this, 'rules', {
      ...ruleProps,
      name: ruleProps.name ?? Names.toDnsLabel(this, { includeHash: false }),
    });
    this.addSlo(...(slos ?? []));
    this.node.addValidation({ validate: () => this.checkAtSynth() });
  }

  /** Adds SLOs (their groups are rendered now: an Slo is immutable); returns this for chaining. */
  addSlo(...slos: Slo[]): this {
    for (const slo of slos) {
      this.list.push(slo);
      // A refused SLO was reported when it was made; its empty rule file would only be reported again.
      if (slo.refused) markRefused(this.prometheusRule);
      this.prometheusRule.addGroups(...slo.ruleGroups(this.options));
    }
    return this;
  }

  /** The SLOs, in the order added. */
  get slos(): readonly Slo[] {
    return this.list;
  }

  private checkAtSynth(): string[] {
    return (duplicateSlos(this).get(this) ?? []).map(({ slo, first }) =>
      formatProblem({
        where: this.node.path,
        field: 'slos',
        value: `${slo.props.service}/${slo.props.name}`,
        message: `another SLO with this service and name is declared at ${first}; their recorded series would collide`,
        fix: 'give each SLO of a service its own name',
      }),
    );
  }
}

/**
 * The SLOs declared again (same service and name) in the app, by the SloRules of the later declaration, with
 * where the first was: worked out once per synth for the whole app (each SloRules asks), in tree order.
 */
function duplicateSlos(scope: SloRules): Map<SloRules, Array<{ slo: Slo; first: string }>> {
  return memoDuringSynth(scope.node.root, 'duplicate SLOs', () => {
    const seen = new Map<string, string>();
    const found = new Map<SloRules, Array<{ slo: Slo; first: string }>>();
    for (const owner of constructsOfType(scope, SloRules))
      for (const slo of owner.slos) {
        const key = `${slo.props.service}\u0000${slo.props.name}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, owner.node.path);
        else found.set(owner, [...(found.get(owner) ?? []), { slo, first }]);
      }
    return found;
  });
}
