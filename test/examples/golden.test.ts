/**
 * Golden snapshots of the whole example app (what `npm run synth` writes): every chart's manifests and every
 * Alertmanager file. A change to any output shows up here for review (`npx jest -u` after checking it).
 */
import * as path from 'path';
import { buildExamplesApp } from '../../examples/app';
import { readTree, tempDir } from '../support/synth';

describe('examples: golden output', () => {
  const dist = path.join(tempDir(), 'dist');
  buildExamplesApp(dist).synth();
  const files = readTree(dist);

  it('writes the four systems', () => {
    expect([...files.keys()].filter((f) => f.endsWith('.k8s.yaml'))).toEqual([
      'aiaas.k8s.yaml',
      'octollm.k8s.yaml',
      'rlm-hypervisor.k8s.yaml',
      'smartcloudops.k8s.yaml',
    ]);
  });

  const golden = [...files.keys()].filter((f) => f.endsWith('.k8s.yaml') || f.startsWith('alertmanager/'));
  test.each(golden)('%s', (file) => {
    expect(files.get(file)).toMatchSnapshot();
  });
});
