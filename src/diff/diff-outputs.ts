/**
 * What a change does to monitoring: two output models compared in the terms an SRE reviews, not YAML lines.
 */
import { AlertInfo, OutputModel, showLabels } from './output-model';

/** Kinds of change, grouped in reports. */
export type ChangeArea = 'alerts' | 'recording rules' | 'SLOs' | 'routing' | 'dashboards' | 'autoscaling';

/** One change. */
export interface Change {
  readonly area: ChangeArea;
  /** `added`, `removed`, `renamed` or `changed`. */
  readonly kind: 'added' | 'removed' | 'renamed' | 'changed';
  /** What changed: `alert CheckoutLatencyP99{severity="warning"}`. */
  readonly subject: string;
  /** How, in words: `level 1 -> 0.8`, `for 5m -> 2m`. Empty for additions and removals. */
  readonly detail: string;
}

const alertKey = (a: AlertInfo): string => `${a.name}${showLabels(a.labels)}`;
const alertSubject = (a: AlertInfo): string => `alert ${a.name}${showLabels(a.labels)}`;

/** `expr OP number` split, for level changes. */
function comparison(expr: string): { left: string; op: string; value: string } | undefined {
  const m = /^([\s\S]*?)\s*(>=|<=|==|!=|>|<)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/.exec(expr.trim());
  return m ? { left: m[1].trim(), op: m[2], value: m[3] } : undefined;
}

function recordDiff(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>, what: string): string[] {
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[k] === b[k]) continue;
    if (a[k] === undefined) out.push(`${what} ${k} added: ${JSON.stringify(b[k])}`);
    else if (b[k] === undefined) out.push(`${what} ${k} removed`);
    else out.push(`${what} ${k}: ${JSON.stringify(a[k])} -> ${JSON.stringify(b[k])}`);
  }
  return out;
}

function alertChanges(a: AlertInfo, b: AlertInfo): string[] {
  const out: string[] = [];
  if (a.expr !== b.expr) {
    const ca = comparison(a.expr);
    const cb = comparison(b.expr);
    if (ca && cb && ca.left === cb.left && ca.op === cb.op) out.push(`level ${ca.value} -> ${cb.value}`);
    else out.push(`expr: ${a.expr} -> ${b.expr}`);
  }
  if ((a.for ?? '0s') !== (b.for ?? '0s')) out.push(`for ${a.for ?? 'none'} -> ${b.for ?? 'none'}`);
  // Annotation text follows the numbers: name the annotations that changed, without the text.
  const changedAnnotations = [...new Set([...Object.keys(a.annotations), ...Object.keys(b.annotations)])]
    .filter((k) => a.annotations[k] !== b.annotations[k])
    .sort();
  if (changedAnnotations.length === 1 && out.length === 0)
    out.push(...recordDiff(a.annotations, b.annotations, 'annotation'));
  else if (changedAnnotations.length > 0) out.push(`annotations changed: ${changedAnnotations.join(', ')}`);
  return out;
}

const percent = (ratio?: string): string =>
  ratio === undefined ? 'none' : `${Number((Number(ratio) * 100).toPrecision(12))}%`;

/** Every change from `before` to `after`, in a stable order. */
export function diffOutputs(before: OutputModel, after: OutputModel): Change[] {
  const changes: Change[] = [];
  // Alerts: by name and labels; a removed and an added alert with the same expression and labels is a
  // rename, with the same name and expression a change of labels.
  const beforeAlerts = new Map(before.alerts.map((a) => [alertKey(a), a]));
  const afterAlerts = new Map(after.alerts.map((a) => [alertKey(a), a]));
  const removed = before.alerts.filter((a) => !afterAlerts.has(alertKey(a)));
  const added = after.alerts.filter((a) => !beforeAlerts.has(alertKey(a)));
  for (const a of before.alerts) {
    const b = afterAlerts.get(alertKey(a));
    if (b)
      for (const d of alertChanges(a, b))
        changes.push({ area: 'alerts', kind: 'changed', subject: alertSubject(a), detail: d });
  }
  const sameLabels = (x: AlertInfo, y: AlertInfo) => showLabels(x.labels) === showLabels(y.labels);
  for (const r of [...removed]) {
    let i = added.findIndex((n) => n.name !== r.name && n.expr === r.expr && sameLabels(n, r));
    if (i >= 0) {
      const n = added.splice(i, 1)[0];
      removed.splice(removed.indexOf(r), 1);
      changes.push({ area: 'alerts', kind: 'renamed', subject: alertSubject(r), detail: `renamed to ${n.name}` });
      for (const d of alertChanges(r, n))
        changes.push({ area: 'alerts', kind: 'changed', subject: alertSubject(n), detail: d });
      continue;
    }
    i = added.findIndex((n) => n.name === r.name && n.expr === r.expr);
    if (i >= 0) {
      const n = added.splice(i, 1)[0];
      removed.splice(removed.indexOf(r), 1);
      for (const d of recordDiff(r.labels, n.labels, 'label'))
        changes.push({ area: 'alerts', kind: 'changed', subject: alertSubject(r), detail: d });
      for (const d of alertChanges(r, n))
        changes.push({ area: 'alerts', kind: 'changed', subject: alertSubject(n), detail: d });
    }
  }
  for (const r of removed) changes.push({ area: 'alerts', kind: 'removed', subject: alertSubject(r), detail: '' });
  for (const a of added)
    changes.push({
      area: 'alerts',
      kind: 'added',
      subject: alertSubject(a),
      detail: a.for ? `${a.expr} for ${a.for}` : a.expr,
    });

  const setDiff = (area: ChangeArea, noun: string, a: readonly string[], b: readonly string[]): void => {
    const sa = new Set(a);
    const sb = new Set(b);
    for (const x of [...sa].sort())
      if (!sb.has(x)) changes.push({ area, kind: 'removed', subject: `${noun} ${x}`, detail: '' });
    for (const x of [...sb].sort())
      if (!sa.has(x)) changes.push({ area, kind: 'added', subject: `${noun} ${x}`, detail: '' });
  };
  setDiff('recording rules', 'record', before.records, after.records);

  const sloBefore = new Map(before.slos.map((s) => [s.key, s]));
  const sloAfter = new Map(after.slos.map((s) => [s.key, s]));
  for (const [k, s] of sloBefore) {
    const n = sloAfter.get(k);
    if (!n)
      changes.push({ area: 'SLOs', kind: 'removed', subject: `SLO ${k}`, detail: `objective ${percent(s.objective)}` });
    else {
      if (s.objective !== n.objective)
        changes.push({
          area: 'SLOs',
          kind: 'changed',
          subject: `SLO ${k}`,
          detail: `objective ${percent(s.objective)} -> ${percent(n.objective)}`,
        });
      if (s.windowDays !== n.windowDays)
        changes.push({
          area: 'SLOs',
          kind: 'changed',
          subject: `SLO ${k}`,
          detail: `window ${s.windowDays ?? '?'}d -> ${n.windowDays ?? '?'}d`,
        });
    }
  }
  // The burn-rate alerts of an SLO whose objective changed restate it in their annotations: say it once.
  const restated = new Set(
    before.slos.filter((x) => sloAfter.get(x.key) && sloAfter.get(x.key)?.objective !== x.objective).map((x) => x.key),
  );
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i];
    const labels = /\bservice="([^"]*)".*\bslo="([^"]*)"/.exec(c.subject);
    if (
      c.area === 'alerts' &&
      c.kind === 'changed' &&
      labels &&
      restated.has(`${labels[1]}/${labels[2]}`) &&
      /^annotation/.test(c.detail)
    )
      changes.splice(i, 1);
  }
  for (const [k, n] of sloAfter)
    if (!sloBefore.has(k))
      changes.push({
        area: 'SLOs',
        kind: 'added',
        subject: `SLO ${k}`,
        detail: `objective ${percent(n.objective)}${n.windowDays ? ` over ${n.windowDays}d` : ''}`,
      });

  const routeKey = (r: { config: string; path: string }) => `${r.config}: ${r.path}`;
  const routesBefore = new Map(before.routes.map((r) => [routeKey(r), r]));
  const routesAfter = new Map(after.routes.map((r) => [routeKey(r), r]));
  for (const [k, r] of routesBefore) {
    const n = routesAfter.get(k);
    if (!n)
      changes.push({
        area: 'routing',
        kind: 'removed',
        subject: `route ${k}`,
        detail: `was -> ${r.receiver ?? '(parent receiver)'}`,
      });
    else if (r.receiver !== n.receiver)
      changes.push({
        area: 'routing',
        kind: 'changed',
        subject: `route ${k}`,
        detail: `receiver ${r.receiver ?? '(parent)'} -> ${n.receiver ?? '(parent)'}`,
      });
  }
  for (const [k, n] of routesAfter)
    if (!routesBefore.has(k))
      changes.push({
        area: 'routing',
        kind: 'added',
        subject: `route ${k}`,
        detail: `-> ${n.receiver ?? '(parent receiver)'}`,
      });
  setDiff('routing', 'receiver', before.receivers, after.receivers);

  const dashBefore = new Map(before.dashboards.map((d) => [d.uid, d]));
  const dashAfter = new Map(after.dashboards.map((d) => [d.uid, d]));
  for (const [uid, d] of dashBefore) {
    const n = dashAfter.get(uid);
    if (!n) {
      changes.push({ area: 'dashboards', kind: 'removed', subject: `dashboard ${uid} "${d.title}"`, detail: '' });
      continue;
    }
    if (d.title !== n.title)
      changes.push({
        area: 'dashboards',
        kind: 'changed',
        subject: `dashboard ${uid}`,
        detail: `title "${d.title}" -> "${n.title}"`,
      });
    const pa = new Set(d.panels);
    const pb = new Set(n.panels);
    for (const p of n.panels)
      if (!pa.has(p))
        changes.push({ area: 'dashboards', kind: 'changed', subject: `dashboard ${uid}`, detail: `panel added: ${p}` });
    for (const p of d.panels)
      if (!pb.has(p))
        changes.push({
          area: 'dashboards',
          kind: 'changed',
          subject: `dashboard ${uid}`,
          detail: `panel removed: ${p}`,
        });
  }
  for (const [uid, n] of dashAfter)
    if (!dashBefore.has(uid))
      changes.push({
        area: 'dashboards',
        kind: 'added',
        subject: `dashboard ${uid} "${n.title}"`,
        detail: `${n.panels.length} panels`,
      });

  const hpaBefore = new Map(before.hpas.map((h) => [h.key, h]));
  const hpaAfter = new Map(after.hpas.map((h) => [h.key, h]));
  for (const [k, h] of hpaBefore) {
    const n = hpaAfter.get(k);
    if (!n) changes.push({ area: 'autoscaling', kind: 'removed', subject: `HPA ${k}`, detail: '' });
    else {
      if (h.min !== n.min)
        changes.push({
          area: 'autoscaling',
          kind: 'changed',
          subject: `HPA ${k}`,
          detail: `minReplicas ${h.min ?? 1} -> ${n.min ?? 1}`,
        });
      if (h.max !== n.max)
        changes.push({
          area: 'autoscaling',
          kind: 'changed',
          subject: `HPA ${k}`,
          detail: `maxReplicas ${h.max} -> ${n.max}`,
        });
    }
  }
  for (const [k, n] of hpaAfter)
    if (!hpaBefore.has(k))
      changes.push({
        area: 'autoscaling',
        kind: 'added',
        subject: `HPA ${k}`,
        detail: `${n.min ?? 1}..${n.max} replicas`,
      });
  return changes;
}

const AREAS: readonly ChangeArea[] = ['alerts', 'SLOs', 'routing', 'dashboards', 'autoscaling', 'recording rules'];

const line = (c: Change): string => {
  switch (c.kind) {
    case 'added':
      return `+ ${c.subject}${c.detail ? `: ${c.detail}` : ''}`;
    case 'removed':
      return `- ${c.subject}${c.detail ? ` (${c.detail})` : ''}`;
    case 'renamed':
      return `~ ${c.subject} ${c.detail}`;
    default:
      return `~ ${c.subject}: ${c.detail}`;
  }
};

/** The report as text, grouped by area. */
export function formatText(changes: readonly Change[], title: string): string {
  if (changes.length === 0) return `${title}: no monitoring changes\n`;
  const out = [`${title}: ${summary(changes)}`];
  for (const area of AREAS) {
    const here = changes.filter((c) => c.area === area);
    if (here.length === 0) continue;
    out.push('', `${area}:`);
    for (const c of here) out.push(`  ${line(c)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The report as a pull-request comment. */
export function formatMarkdown(changes: readonly Change[], title: string): string {
  if (changes.length === 0) return `### ${title}\n\nNo monitoring changes.\n`;
  const out = [`### ${title}`, '', summary(changes)];
  for (const area of AREAS) {
    const here = changes.filter((c) => c.area === area);
    if (here.length === 0) continue;
    out.push('', `**${area[0].toUpperCase()}${area.slice(1)}**`, '', '| | what | change |', '| --- | --- | --- |');
    const mark = { added: '➕', removed: '➖', renamed: '✏️', changed: '✏️' } as const;
    for (const c of here)
      out.push(
        `| ${mark[c.kind]} | ${md(c.subject)} | ${md(c.kind === 'changed' || c.kind === 'renamed' ? c.detail : c.detail ? `${c.kind}: ${c.detail}` : c.kind)} |`,
      );
  }
  return `${out.join('\n')}\n`;
}

const md = (s: string): string =>
  `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|')}\``.replace(/^`(added|removed)`$/, '$1');

function summary(changes: readonly Change[]): string {
  const n = (area: ChangeArea) => changes.filter((c) => c.area === area).length;
  return AREAS.filter((a) => n(a) > 0)
    .map((a) => `${n(a)} ${a === 'SLOs' ? 'SLO' : a.replace(/s$/, '')} change${n(a) === 1 ? '' : 's'}`)
    .join(', ');
}
