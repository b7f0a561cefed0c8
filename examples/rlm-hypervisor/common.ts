/** Names and links shared by the RLM Hypervisor example. */

export const RLM = {
  service: 'rlm-hypervisor',
  team: 'rlm-sre',
  namespace: 'rlm-production',
  /** The runbooks' home, from the monitoring runbook's Contact Information. */
  runbookBase: 'https://wiki.internal/rlm-runbooks',
} as const;

/** The URL of a section of the RLM monitoring runbook, by its Markdown heading anchor. */
export function runbook(anchor: string, page = 'monitoring'): string {
  return `${RLM.runbookBase}/${page}#${anchor}`;
}
