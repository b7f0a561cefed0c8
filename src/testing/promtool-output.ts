/**
 * Reading what `promtool test rules` prints on failure, and saying it again in the test's terms: which
 * alert, at what time, what was expected and what fired instead, label by label and annotation by
 * annotation.
 */

/** An alert as promtool prints it. */
export interface PrintedAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** One failed check. */
export type FailedCheck =
  | {
      readonly kind: 'alert';
      readonly group?: string;
      readonly alertname: string;
      readonly time: string;
      readonly expected: PrintedAlert[];
      readonly got: PrintedAlert[];
    }
  | {
      readonly kind: 'expr';
      readonly group?: string;
      readonly expr: string;
      readonly time: string;
      readonly expected: string;
      readonly got: string;
    }
  | { readonly kind: 'other'; readonly group?: string; readonly text: string };

/** Parses a Go-quoted label set `{a="b", c="d"}`. */
export function parseLabelSet(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let value: string;
    try {
      value = JSON.parse(`"${m[2].replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')}"`) as string;
    } catch {
      value = m[2];
    }
    out[m[1]] = value;
  }
  return out;
}

function parseAlertList(text: string): PrintedAlert[] {
  const out: PrintedAlert[] = [];
  const re = /Labels:(\{.*\})\s*\n\s*Annotations:(\{.*\})/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ labels: parseLabelSet(m[1]), annotations: parseLabelSet(m[2]) });
  return out;
}

/** The failed checks in promtool's output (stdout and stderr together). */
export function parsePromtoolFailures(output: string): FailedCheck[] {
  const failures: FailedCheck[] = [];
  // Each failure starts at "    name: <group>," (alert checks of named groups), "    alertname:" or "    expr:".
  const starts = /^ {4}(?:name: .*,\n {4})?(?:alertname: |expr: )/gm;
  const indexes: number[] = [];
  for (let m = starts.exec(output); m; m = starts.exec(output)) indexes.push(m.index);
  indexes.forEach((start, i) => {
    const end = i + 1 < indexes.length ? indexes[i + 1] : output.length;
    const block = output
      .slice(start, end)
      .replace(/\n\s*FAILED:\s*$/, '')
      .replace(/\n(Unit Testing:.*|\s*SUCCESS)\s*$/gm, '');
    const group = /^ {4}name: (.*),\n/.exec(block)?.[1];
    const alert = /alertname: (.*), time: (.*?), \n\s*exp:([\s\S]*?), \n\s*got:([\s\S]*)$/.exec(block);
    if (alert) {
      failures.push({
        kind: 'alert',
        group,
        alertname: alert[1],
        time: alert[2],
        expected: parseAlertList(alert[3]),
        got: parseAlertList(alert[4]),
      });
      return;
    }
    const expr = /expr: (".*"), time: (.*?),\n\s*exp: (.*)\n\s*got: (.*)/.exec(block);
    if (expr) {
      let e = expr[1];
      try {
        e = JSON.parse(expr[1]) as string;
      } catch {
        // keep it quoted
      }
      failures.push({ kind: 'expr', group, expr: e, time: expr[2], expected: expr[3].trim(), got: expr[4].trim() });
      return;
    }
    failures.push({ kind: 'other', group, text: block.trim() });
  });
  return failures;
}

const showLabels = (l: Readonly<Record<string, string>>): string =>
  `{${Object.keys(l)
    .filter((k) => k !== 'alertname')
    .sort()
    .map((k) => `${k}=${JSON.stringify(l[k])}`)
    .join(', ')}}`;

function sameLabels(a: PrintedAlert, b: PrintedAlert): boolean {
  const ka = Object.keys(a.labels).sort();
  const kb = Object.keys(b.labels).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a.labels[k] === b.labels[k]);
}

function sameAnnotations(a: PrintedAlert, b: PrintedAlert): boolean {
  const ka = Object.keys(a.annotations).sort();
  const kb = Object.keys(b.annotations).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a.annotations[k] === b.annotations[k]);
}

function overlap(a: PrintedAlert, b: PrintedAlert): number {
  return Object.keys(a.labels).filter((k) => b.labels[k] === a.labels[k]).length;
}

/** A failed check in the test's terms, as indented lines. */
export function explainFailure(f: FailedCheck): string[] {
  if (f.kind === 'other')
    return f.text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  if (f.kind === 'expr') {
    return [`${f.expr} at ${f.time}:`, `  expected ${f.expected}`, `  got      ${f.got}`];
  }
  const lines = [`${f.alertname} at ${f.time}:`];
  if (f.expected.length === 0) {
    lines.push(`  expected: no alert firing`);
    for (const g of f.got) lines.push(`  got:      firing ${showLabels(g.labels)}`);
    return lines;
  }
  if (f.got.length === 0) {
    for (const e of f.expected) lines.push(`  expected: firing ${showLabels(e.labels)}`);
    lines.push('  got:      nothing firing (not yet past `for`, or the expression returned nothing)');
    return lines;
  }
  const unmatchedGot = [...f.got];
  for (const e of f.expected) {
    const same = unmatchedGot.findIndex((g) => sameLabels(e, g));
    if (same >= 0) {
      const g = unmatchedGot.splice(same, 1)[0];
      if (sameAnnotations(e, g)) continue;
      lines.push(`  ${showLabels(e.labels)} fired with other annotations:`);
      for (const k of [...new Set([...Object.keys(e.annotations), ...Object.keys(g.annotations)])].sort()) {
        if (e.annotations[k] === g.annotations[k]) continue;
        lines.push(
          `    ${k}: expected ${e.annotations[k] === undefined ? '(none)' : JSON.stringify(e.annotations[k])}`,
        );
        lines.push(
          `    ${' '.repeat(k.length)}  got      ${g.annotations[k] === undefined ? '(none)' : JSON.stringify(g.annotations[k])}`,
        );
      }
      continue;
    }
    const closest = [...unmatchedGot].sort((a, b) => overlap(e, b) - overlap(e, a))[0];
    lines.push(`  expected: firing ${showLabels(e.labels)}`);
    if (closest && overlap(e, closest) > 1) {
      const diffs = [...new Set([...Object.keys(e.labels), ...Object.keys(closest.labels)])]
        .filter((k) => e.labels[k] !== closest.labels[k])
        .sort();
      lines.push(
        `  closest:  ${showLabels(closest.labels)} (differs in ${diffs.map((k) => `${k}: expected ${JSON.stringify(e.labels[k] ?? '')}, got ${JSON.stringify(closest.labels[k] ?? '')}`).join('; ')})`,
      );
      unmatchedGot.splice(unmatchedGot.indexOf(closest), 1);
    } else lines.push('  got:      no alert with these labels');
  }
  for (const g of unmatchedGot) lines.push(`  unexpected: firing ${showLabels(g.labels)}`);
  return lines;
}
