/**
 * Python's YAML reader (PyYAML, Debian package python3-yaml): the YAML 1.1 oracle. Loads YAML documents the
 * way PyYAML-based tools (and go-yaml v2, which shares the 1.1 schema) read our output. Required under
 * CI=true; elsewhere tests skip with a printed reason when it is missing.
 */
import { spawnSync } from 'child_process';

const CANDIDATES = ['/usr/bin/python3', 'python3'];
let found: string | null | undefined;

/** A python3 that can `import yaml`, or null (with a printed reason) when none is installed. */
export function findPyYaml(): string | null {
  if (found !== undefined) return found;
  found = CANDIDATES.find((py) => spawnSync(py, ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0) ?? null;
  if (found === null) {
    if (process.env.CI === 'true')
      throw new Error('PyYAML is required under CI=true: install the Debian package "python3-yaml"');
    console.log(
      'SKIPPED: no python3 with PyYAML; install the Debian package "python3-yaml" to run the YAML 1.1 reader tests',
    );
  }
  return found;
}

/** `it` when PyYAML is available, `it.skip` otherwise. */
export function itWithPyYaml(name: string, fn: (python: string) => void, timeout?: number): void {
  const py = findPyYaml();
  (py ? it : it.skip)(name, () => fn(py as string), timeout);
}

/** What PyYAML made of one text: every document as JSON values, or the error it raised. */
export type PyYamlResult = { ok: true; documents: unknown[] } | { ok: false; error: string };

const LOADER = `
import json, math, sys, yaml
def plain(v):
    # Values JSON cannot hold (dates, NaN, sets, bytes) become their Python repr, so they never equal a string.
    if isinstance(v, dict):
        return {k if isinstance(k, str) else json.dumps({"python": repr(k)}): plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if v is None or isinstance(v, (str, bool, int)) or (isinstance(v, float) and math.isfinite(v)):
        return v
    return {"python": repr(v)}
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"ok": True, "documents": [plain(d) for d in yaml.safe_load_all(text)]})
    except Exception as e:
        out.append({"ok": False, "error": str(e).splitlines()[0] if str(e) else type(e).__name__})
json.dump(out, sys.stdout)
`;

/** Loads every text with PyYAML's safe loader, in one python process. */
export function loadWithPyYaml(python: string, texts: readonly string[]): PyYamlResult[] {
  const r = spawnSync(python, ['-c', LOADER], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyYamlResult[];
}
