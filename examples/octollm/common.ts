/**
 * Names and links shared by the OctoLLM example (seed 001_58d29907804e4423.txt, "Troubleshooting Playbooks").
 */

export const OCTOLLM = {
  /** The namespace of every `kubectl ... -n octollm` in the playbooks. */
  namespace: 'octollm',
  /**
   * Value of the `system` label on every alert. Not `service`: series scraped through a ServiceMonitor carry
   * their own `service` label (the Kubernetes Service), which a rule label of that name would overwrite.
   */
  system: 'octollm',
  /**
   * The playbooks' home: docs/operations/troubleshooting-playbooks.md of the OctoLLM repository. Alerts link
   * `<runbookBase>#<section anchor>`; pass another base to the chart to point at a mirror or wiki.
   */
  runbookBase: 'https://github.com/doublegate/OctoLLM/blob/main/docs/operations/troubleshooting-playbooks.md',
  /**
   * Scrape jobs of the core services ServiceDown watches: the orchestrator (the playbooks' `orchestrator`
   * deployment) and the reflex layer (the jobs of the project's monitoring guide, the playbooks' "See Also").
   */
  services: ['orchestrator', 'reflex-layer'],
  /** The arms, as the playbooks restart them ("Scenario A: All arms down"); ArmDown watches their jobs. */
  arms: ['planner-arm', 'executor-arm', 'coder-arm', 'judge-arm', 'guardian-arm', 'retriever-arm'],
} as const;

/** The URL of a playbook section, by its GitHub heading anchor (`#high-latency`). */
export function runbookUrl(anchor: string, base: string = OCTOLLM.runbookBase): string {
  return `${base}#${anchor}`;
}

/**
 * The playbooks' "Escalation Procedures": who owns an alert and when it moves up. Every alert carries its
 * level as an `escalation` label, for Alertmanager routing.
 */
export const ESCALATION = {
  L1: 'Level 1: On-call Engineer; follow the playbook, restart affected services, escalate if unresolved in 15 minutes',
  L2: 'Level 2: Senior Engineer; deep diagnosis with profiling, code fixes, escalate to the engineering lead if architectural',
  L3: 'Level 3: Engineering Lead; coordinate the team response and communicate with stakeholders',
} as const;

/** An escalation level of the playbooks. */
export type EscalationLevel = keyof typeof ESCALATION;

/** A regex alternation of job names, for `job=~"..."`: `orchestrator|reflex-layer` (names are DNS labels). */
export function anyOf(names: readonly string[]): string {
  return names.join('|');
}
