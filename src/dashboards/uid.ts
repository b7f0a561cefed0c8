/**
 * Dashboard uids: Grafana identifies a dashboard by its uid across instances and re-imports, so the uid
 * must not change between synths. It is derived from the construct path: readable when short, with a
 * hash of the full path when the path is longer than Grafana's 40 characters.
 */
import { createHash } from 'crypto';

/** Grafana's longest uid. */
export const MAX_UID_LENGTH = 40;

/** Characters Grafana allows in a uid. */
export const UID_PATTERN = /^[a-zA-Z0-9_-]+$/;

/**
 * The uid of the dashboard at `path` (`rlm-hypervisor/executive` -> `rlm-hypervisor-executive`): lower-case
 * letters, digits and `-`. A path longer than 40 characters keeps its first 31 and ends with 8 hex digits of
 * the path's SHA-256, so different long paths give different uids. (Two paths that differ only in
 * punctuation, `a/b` and `a-b`, give the same uid; the Dashboard construct reports that at synth.)
 */
export function dashboardUid(path: string): string {
  const slug =
    path
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'dashboard';
  if (slug.length <= MAX_UID_LENGTH) return slug;
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
  return `${slug.slice(0, MAX_UID_LENGTH - 9).replace(/-+$/, '')}-${hash}`;
}
