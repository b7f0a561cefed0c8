/** Names shared by the RLM Hypervisor example; the runbooks' home is the monitoring runbook's Contact Information. */
export const RLM = { service: 'rlm-hypervisor', team: 'rlm-sre', namespace: 'rlm-production' } as const;
export const RUNBOOKS = 'https://wiki.internal/rlm-runbooks';

/** The URL of a section of an RLM runbook page, by its Markdown heading anchor. */
export const runbook = (anchor: string, page = 'monitoring'): string => `${RUNBOOKS}/${page}#${anchor}`;
