/**
 * Every YAML file synth writes means the same to a YAML 1.1 reader (PyYAML; go-yaml v2 shares its schema) as to
 * the YAML 1.2 reader it was written for: PyYAML loads each document to exactly the values the `yaml` package
 * reads. Strings that are YAML themselves (prometheus-adapter's config.yaml in a ConfigMap) are checked too.
 */
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildExamplesApp } from '../../examples/app';
import { readTree, tempDir } from '../support/synth';
import { itWithPyYaml, loadWithPyYaml } from '../support/pyyaml';

/** The documents as the YAML 1.2 reader reads them, and YAML held in ConfigMap data. */
function documentsOf(text: string): { values: unknown[]; nested: string[] } {
  const values = parseAllDocuments(text).map((d) => {
    if (d.errors.length > 0) throw new Error(d.errors[0].message);
    return d.toJS();
  });
  const nested = values.flatMap((v) => {
    const data =
      (v as { kind?: string; data?: Record<string, string> } | null)?.kind === 'ConfigMap'
        ? (v as { data: Record<string, string> }).data
        : {};
    return Object.entries(data ?? {})
      .filter(([k]) => /\.ya?ml$/.test(k))
      .map(([, y]) => y);
  });
  return { values, nested };
}

describe('synth output through a YAML 1.1 reader', () => {
  const dist = path.join(tempDir(), 'dist');
  buildExamplesApp(dist).synth();
  const files = [...readTree(dist)].filter(([rel]) => /\.ya?ml$/.test(rel));

  it('writes YAML files of every kind', () => {
    const kinds = new Set(files.map(([rel]) => (rel.includes('/') ? rel.split('/')[0] : 'charts')));
    expect([...kinds].sort()).toEqual(['alertmanager', 'charts', 'rules']);
  });

  itWithPyYaml(
    'PyYAML loads every file, and YAML inside ConfigMaps, to the values written',
    (python) => {
      const texts: Array<{ name: string; text: string }> = [];
      for (const [rel, text] of files) {
        texts.push({ name: rel, text });
        documentsOf(text).nested.forEach((y, i) => texts.push({ name: `${rel} (ConfigMap data #${i})`, text: y }));
      }
      const loaded = loadWithPyYaml(
        python,
        texts.map((t) => t.text),
      );
      const differing = texts
        .map((t, i) => ({ name: t.name, got: loaded[i] }))
        .filter(
          ({ got }, i) =>
            !got.ok || JSON.stringify(got.documents) !== JSON.stringify(documentsOf(texts[i].text).values),
        )
        .map(({ name, got }) => `${name}: ${got.ok ? 'different values' : got.error}`);
      expect(differing).toEqual([]);
      expect(texts.length).toBeGreaterThan(files.length);
    },
    60000,
  );
});
