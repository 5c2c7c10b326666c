import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS, WORKER_NODE_FLAGS } from './node-flags';

// npm scripts cannot import the flags: they are spelled out there, and must not drift.
describe('node flags in the npm scripts', () => {
  const scripts = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;

  it.each([
    ['start', API_NODE_FLAGS, 'dist/src/main.js'],
    ['start:api', API_NODE_FLAGS, 'dist/src/main.js'],
    ['start:worker', WORKER_NODE_FLAGS, 'dist/src/worker.js'],
  ])('%s runs with its flags', (script, flags, entry) => {
    expect(scripts[script]).toBe(`node ${flags.join(' ')} ${entry}`);
  });
});
