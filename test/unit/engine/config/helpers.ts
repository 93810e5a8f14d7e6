import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModule } from '../../../../engine/config/index.js';

/** Writes the given files into a fresh temporary folder and returns its path. */
export function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'runform-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Loads a one-file configuration and returns the module and the diagnostics' one-line forms. */
export function load(text: string) {
  const r = loadModule(configDir({ 'main.hcl': text }));
  const lines = r.diagnostics.map(
    (d) => `${d.range ? `${d.range.filename}:${d.range.start.line}:${d.range.start.column}: ` : ''}${d.summary}`,
  );
  return { module: r.module, diagnostics: r.diagnostics, lines };
}
