/**
 * Dashboard links: to a URL (a runbook, a wiki page) or to other dashboards by tag.
 */
import type { GrafanaLink } from './grafana-types';

/** Icons Grafana offers for URL links. */
export type LinkIcon = 'external link' | 'dashboard' | 'question' | 'info' | 'bolt' | 'doc' | 'cloud';

/** A link to a URL. */
export interface UrlLinkSpec {
  readonly title: string;
  readonly url: string;
  /** @default 'external link' */
  readonly icon?: LinkIcon;
  /** @default '' */
  readonly tooltip?: string;
  /** Open in a new tab. @default true */
  readonly targetBlank?: boolean;
  /** Append the current variable values to the URL. @default false */
  readonly includeVars?: boolean;
  /** Append the current time range to the URL. @default false */
  readonly keepTime?: boolean;
}

/** Links to every dashboard carrying some tags. */
export interface DashboardsLinkSpec {
  readonly title: string;
  /** Dashboards with all of these tags. */
  readonly tags: readonly string[];
  /** Show them in a dropdown rather than side by side. @default true */
  readonly asDropdown?: boolean;
  /** @default true */
  readonly includeVars?: boolean;
  /** @default true */
  readonly keepTime?: boolean;
}

export type LinkSpec = UrlLinkSpec | DashboardsLinkSpec;

/** A link's JSON, every field Grafana's schema requires set. */
export function renderLink(l: LinkSpec): GrafanaLink {
  if ('url' in l) {
    return {
      title: l.title,
      type: 'link',
      url: l.url,
      icon: l.icon ?? 'external link',
      tooltip: l.tooltip ?? '',
      tags: [],
      asDropdown: false,
      targetBlank: l.targetBlank ?? true,
      includeVars: l.includeVars ?? false,
      keepTime: l.keepTime ?? false,
    };
  }
  return {
    title: l.title,
    type: 'dashboards',
    icon: 'external link',
    tooltip: '',
    tags: [...l.tags],
    asDropdown: l.asDropdown ?? true,
    targetBlank: false,
    includeVars: l.includeVars ?? true,
    keepTime: l.keepTime ?? true,
  };
}
