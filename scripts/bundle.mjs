// The CLI as users run it: `npm run build` compiles every module into dist/ with tsc, then this
// joins the CLI's own modules into dist/cli/main.js and a few chunks that commands load on demand.
// Node resolves and compiles one module per file at start-up, and for the ~120 modules of a plan
// that alone took about 0.1 s. Packages stay external: they are loaded from node_modules as usual.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli');
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'cmd', 'main.js')],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
