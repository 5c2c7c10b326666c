import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

/** One relative import of a source file, both paths relative to `src/` with forward slashes. */
export interface SourceImport {
  file: string;
  target: string;
  specifier: string;
}

/** An import that goes up the layers: the file, what it imports, and the rule it breaks. */
export interface UpwardImport extends SourceImport {
  rule: string;
}

// `import x from '…'`, `export { x } from '…'`, `import '…'`, `import('…')`, `require('…')`.
const IMPORT_PATTERN =
  /(?:^|[\s;])(?:import|export)\s[^;'"]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative imports of one file's text; package imports (`@nestjs/common`, `node:fs`) are left out. */
export function relativeImportsOf(file: string, text: string): SourceImport[] {
  const found: SourceImport[] = [];
  for (const match of text.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith('.')) continue;
    found.push({ file, specifier, target: posix.normalize(posix.join(posix.dirname(file), specifier)) });
  }
  return found;
}

/** The top folder of a path under `src/` ('companies' for 'companies/company.entity'); '' for a file at the root. */
export function layerOf(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

// The floor: the error vocabulary (refusal codes and their French) and the validated environment
// import nothing from the app, so `common/` may speak refusal codes and read the configuration.
const FLOOR = ['refusals', 'config'];
// What the tenancy layer stands on.
const BELOW_TENANCY = ['tenancy', 'common', 'database', ...FLOOR];
// Wiring the whole app together (entry points, root modules, `src/app/`) is the one place above `web/`.
const BOOTSTRAP = ['', 'app'];

/** The layer rule an import breaks, or null when it goes down (or sideways between domains). */
export function ruleBrokenBy(found: SourceImport): string | null {
  const from = layerOf(found.file);
  const to = layerOf(found.target);
  if (from === 'common' && to !== 'common' && !FLOOR.includes(to)) {
    return 'common/ imports only common/ and the floor (refusals/, config/)';
  }
  if (FLOOR.includes(from) && to !== from) return `${from}/ imports nothing outside itself`;
  if (from === 'tenancy' && !BELOW_TENANCY.includes(to)) {
    return 'tenancy/ imports only common/, database/, refusals/ and config/';
  }
  if (to === 'web' && from !== 'web' && !BOOTSTRAP.includes(from)) {
    return 'nothing imports web/ but the app bootstrap (pages depend on domains, never the reverse)';
  }
  return null;
}

export function upwardImports(imports: SourceImport[]): UpwardImport[] {
  return imports.flatMap((found) => {
    const rule = ruleBrokenBy(found);
    return rule ? [{ ...found, rule }] : [];
  });
}

function sourceFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every relative import of the non-spec TypeScript files under `srcDir`. */
export function importsUnder(srcDir: string): SourceImport[] {
  return sourceFilesUnder(srcDir).flatMap((path) =>
    relativeImportsOf(relative(srcDir, path).split(sep).join('/'), readFileSync(path, 'utf8')),
  );
}

export function describeUpward(found: UpwardImport): string {
  return `src/${found.file} imports '${found.specifier}' (src/${found.target}): ${found.rule}`;
}

export const SRC_DIR = dirname(__dirname);
