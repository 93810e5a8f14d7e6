import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, error } from '../diag/index.js';
import { type File, parseHCL } from '../hcl/index.js';
import { decodeModule } from './decode.js';
import type { Module } from './module.js';
import { readSourceFile, type SourceText } from './source.js';

/** Variable-value files share the .hcl extension but are not configuration. */
export const isVarsFile = (name: string): boolean => name.endsWith('.vars.hcl');

/**
 * True for a file, or a symbolic link to one. A link that leads nowhere counts too, so that reading
 * it reports the broken link instead of leaving its configuration out without a word.
 */
export function isFileEntry(dir: string, e: Dirent): boolean {
  if (e.isFile()) return true;
  if (!e.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, e.name)).isFile();
  } catch {
    return true;
  }
}

/** The configuration files of a folder: every `*.hcl` except variable files, not recursive, in lexical order. */
export function configFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name.endsWith('.hcl') && !isVarsFile(e.name) && isFileEntry(dir, e))
    .map((e) => e.name)
    .sort();
}

/** The result of loading a folder: the module (possibly partial) and every problem found. */
export interface LoadResult {
  readonly module: Module;
  readonly diagnostics: Diagnostic[];
}

/**
 * Loads the configuration in `dir`: parses each file, then decodes blocks into a Module.
 * File names in ranges are relative to `dir`, so messages read `main.hcl:3:5`.
 * Never throws for user mistakes (a missing folder, an unreadable file, bad syntax).
 */
export function loadModule(dir: string): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const files: File[] = [];
  let names: string[] = [];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = configFiles(dir);
  } catch (e) {
    diagnostics.push(error('Cannot read the configuration folder', undefined, `${dir}: ${(e as Error).message}`));
  }
  if (names.length === 0 && diagnostics.length === 0) {
    diagnostics.push(error('No configuration files', undefined, `The folder ${dir} has no .hcl configuration files.`));
  }
  for (const name of names) {
    let source: SourceText;
    try {
      source = readSourceFile(join(dir, name), name);
    } catch (e) {
      diagnostics.push(error('Cannot read a configuration file', undefined, `${name}: ${(e as Error).message}`));
      continue;
    }
    const text = source.text;
    sources.set(name, text);
    if (source.invalid) {
      diagnostics.push(source.invalid);
      continue;
    }
    const parsed = parseHCL(text, name);
    diagnostics.push(...parsed.diagnostics);
    files.push(parsed.file);
  }
  const module = { ...decodeModule(dir, files, sources, diagnostics), cwd: process.cwd() };
  return { module, diagnostics };
}
