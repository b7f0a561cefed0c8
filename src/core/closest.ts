/** "Did you mean": the known name nearest to a mistyped one. */

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name` (fewest edits, then alphabetical), when it is close enough to be a likely
 * typo: at most a third of the longer name's length in edits (at least 2), or one contains the other.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (!best || d < best.d || (d === best.d && c < best.c)) best = { c, d };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(name.length, best.c.length) / 3));
  return best.d <= limit || best.c.includes(name) || name.includes(best.c) ? best.c : undefined;
}
