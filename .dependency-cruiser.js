/**
 * The layers of src/, top to bottom (docs/architecture.md draws them). A folder imports only folders of the
 * layers below its own; folders of one layer do not import each other. entrypoints/ holds the package's subpath
 * entry files (`watchkeeper/lint`, `watchkeeper/promql`): nothing inside src/ imports them. `npm test` runs this check
 * (`npm run deps`); a cycle or an upward import fails it.
 */
const LAYERS = [
  ['entrypoints'],
  ['cli'],
  ['diff', 'testing'],
  ['synth', 'lint'],
  ['service'],
  ['routing', 'scaling', 'slo'],
  ['dashboards'],
  ['thresholds'],
  ['rules'],
  ['checks', 'metrics'],
  ['gotemplate'],
  ['promql', 'core'],
];

const folder = (name) => `^src/${name}/`;
const forbidden = [
  {
    name: 'no-circular',
    comment: 'A cycle between modules: one of them belongs lower, or the shared part in a module of its own.',
    severity: 'error',
    from: { path: '^src/' },
    to: { circular: true },
  },
  {
    name: 'no-orphans',
    comment: 'A module nothing imports and that is not an entry point: dead code.',
    severity: 'error',
    from: {
      orphan: true,
      path: '^src/',
      pathNot: [
        '^src/index\\.ts$',
        '^src/[a-z-]+/index\\.ts$',
        '^src/lint/rule-worker\\.ts$',
        '^src/entrypoints/[a-z-]+\\.ts$',
        '^src/cli/main\\.ts$',
        '\\.d\\.ts$',
      ],
    },
    to: {},
  },
];
LAYERS.forEach((layer, i) => {
  const above = LAYERS.slice(0, i).flat();
  for (const name of layer) {
    const siblings = layer.filter((other) => other !== name);
    const notAllowed = [...above, ...siblings];
    if (notAllowed.length === 0) continue;
    forbidden.push({
      name: `layer-${name}`,
      comment: `src/${name} may import only the layers below it (${LAYERS.slice(i + 1)
        .flat()
        .join(', ')}).`,
      severity: 'error',
      from: { path: folder(name) },
      to: { path: `^src/(${notAllowed.join('|')})/` },
    });
  }
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|examples|scripts|lib)/' },
  },
};
