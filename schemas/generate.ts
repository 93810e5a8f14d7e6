// `npm run schemas`: regenerates every file under schemas/apprunner/api from the shared Smithy model.
// Usage: tsx schemas/generate.ts [outDir]   (outDir defaults to this folder; the drift test uses a temp dir)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../providers/package-root.js';
import { type GeneratedFile, operationInputSchemas, serviceIndex } from './lib/apprunner-api.js';
import { referencePage, resourceSchemaFiles, writeReference } from './lib/resources/index.js';
import { APPRUNNER_MODEL, findSharedDir, loadSmithyModel } from './lib/smithy.js';

/** How generated files name the script that made them. */
export const SCRIPT = 'schemas/generate.ts (npm run schemas)';

/** Every generated file, computed from the model without touching the disk; new generators add their files here. */
export function generateAll(modelFile: string): GeneratedFile[] {
  const model = loadSmithyModel(modelFile);
  return [...operationInputSchemas(model, SCRIPT), serviceIndex(model, SCRIPT), ...resourceSchemaFiles(model, SCRIPT)];
}

/** Serialises a generated file the one way that is checked in. */
export function render(f: GeneratedFile): string {
  return `${JSON.stringify(f.content, null, 2)}\n`;
}

/** The folders (relative to schemas/) that hold generated files; each is owned entirely by the generator. */
export function generatedDirs(files: readonly GeneratedFile[]): string[] {
  return [...new Set(files.map((f) => dirname(f.path)))].sort();
}

/** Writes every generated file under `outDir`, replacing the generated folders entirely (no stale files). */
export function writeAll(files: readonly GeneratedFile[], outDir: string): void {
  for (const d of generatedDirs(files)) rmSync(join(outDir, d), { recursive: true, force: true });
  for (const f of files) {
    const path = join(outDir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, render(f));
  }
}

/** The model file, found beside the repository. */
export function modelFile(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const shared = findSharedDir(packageRoot(here));
  return shared ? join(shared, APPRUNNER_MODEL) : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = modelFile();
  if (!file) {
    process.stderr.write('The shared API models were not found beside the repository (../shared/models).\n');
    process.exit(1);
  }
  const outDir = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
  const files = generateAll(file);
  writeAll(files, outDir);
  process.stdout.write(`wrote ${files.length} files under ${generatedDirs(files).join(', ')}\n`);
  // docs/resources.md sits at the repository root, or under outDir when one is given.
  const page = referencePage(loadSmithyModel(file), SCRIPT);
  writeReference(page, process.argv[2] ? outDir : dirname(outDir));
  process.stdout.write(`wrote ${page.path}\n`);
}
