/**
 * What loads together: the rule files one Prometheus (or ruler) loads. Cross-file checks compare rules only
 * within a load set. Configured as `loadSets` (a name and the files' globs, matched against the paths lint
 * shows); files no configured set names, and every file when none is configured, get the default:
 *
 * - plain rule files: one set per directory (a `rule_files: [dir/*.yaml]` entry);
 * - PrometheusRule manifests: one set per namespace (the operator loads a namespace's PrometheusRules into
 *   the Prometheus that selects them; manifests without a namespace count as `default`).
 *
 * Plain rule files and manifests never share a set: synth writes both renderings of the same rules.
 */

/** Where a group was read from, as far as load sets care. */
export interface GroupOrigin {
  /** The file's path as shown (rule files: the directory is the default load set). */
  readonly path: string;
  /** A plain rule file or a PrometheusRule manifest: the two never load together. */
  readonly scope: 'rule-file' | 'manifest';
  /** `namespace/name` of the PrometheusRule holding the group, for manifests. */
  readonly manifest?: string;
}

/** A configured load set. */
export interface LoadSetConfig {
  /** A name for messages. */
  readonly name: string;
  /** Globs of the files it loads (`*`, `**`, `?`, `{a,b}`), relative to the working directory. */
  readonly files: readonly string[];
}

/** A load set ready to match paths. */
export interface ResolvedLoadSet {
  readonly name: string;
  readonly patterns: readonly RegExp[];
}

/** A glob as a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The load sets a group's rules belong to. */
export function loadSetsOf(group: GroupOrigin, configured: readonly ResolvedLoadSet[] | undefined): string[] {
  const path = group.path.replace(/^\.\//, '');
  if (configured && configured.length > 0) {
    const names = configured.filter((s) => s.patterns.some((p) => p.test(path))).map((s) => `set:${s.name}`);
    if (names.length > 0) return names.map((n) => `${group.scope}\u0000${n}`);
  }
  if (group.scope === 'manifest') {
    const ns = group.manifest?.includes('/') ? group.manifest.slice(0, group.manifest.indexOf('/')) : 'default';
    return [`manifest\u0000namespace:${ns}`];
  }
  const slash = path.lastIndexOf('/');
  return [`rule-file\u0000dir:${slash < 0 ? '.' : path.slice(0, slash)}`];
}

/** How a load set is named in messages. */
export function describeLoadSet(key: string): string {
  const name = key.slice(key.indexOf('\u0000') + 1);
  if (name.startsWith('set:')) return `load set "${name.slice(4)}"`;
  if (name.startsWith('namespace:')) return `namespace "${name.slice(10)}"`;
  return `directory "${name.slice(4)}"`;
}
