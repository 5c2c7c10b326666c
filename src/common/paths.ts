import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root (the folder holding package.json), whether running from src/ or dist/src/. */
function findRoot(start: string): string {
  let current = start;
  while (!existsSync(join(current, 'package.json'))) {
    const parent = dirname(current);
    if (parent === current) throw new Error(`package.json not found above ${start}`);
    current = parent;
  }
  return current;
}

export const PROJECT_ROOT = findRoot(__dirname);
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');
