import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll } from 'vitest';
import { tempDir } from './engine.js';

// Running the built CLI as a process with the test provider behind its provider hook. The
// provider's sources are transpiled to plain JavaScript once per test file.

const root = new URL('../../', import.meta.url).pathname;
/** The built CLI entry point. */
export const BIN = join(root, 'dist/cli/main.js');

/** Transpiles the test provider into a folder and returns the module the CLI hook should load. */
export function buildCliProvider(): string {
  const out = tempDir();
  mkdirSync(out, { recursive: true });
  for (const f of ['cli-provider', 'provider', 'cloud', 'schemas']) {
    const src = readFileSync(join(root, 'test/support', `${f}.ts`), 'utf8');
    const js = ts.transpileModule(src, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(out, `${f}.js`), js);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  return join(out, 'cli-provider.js');
}

/** Environment for a CLI run against a file-backed test cloud. */
export function cliEnv(providerModule: string, cloud: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RUNFORM_PROVIDER_MODULE: providerModule,
    RUNFORM_TEST_CLOUD: cloud,
    NO_COLOR: '1',
    ...extra,
  };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
}

/** Starts the CLI and returns the child process (for signals). */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * For a test file that runs the CLI: builds the test provider once (before the file's tests) and
 * returns a function that makes a folder holding `hcl` as main.hcl, with the environment to run
 * the CLI in it against a test cloud of its own.
 */
export function cliFolders(): (hcl: string) => { dir: string; env: NodeJS.ProcessEnv } {
  let providerModule = '';
  beforeAll(() => {
    providerModule = buildCliProvider();
  });
  return (hcl) => {
    const dir = tempDir({ 'main.hcl': hcl });
    return { dir, env: cliEnv(providerModule, join(dir, 'cloud.json')) };
  };
}
