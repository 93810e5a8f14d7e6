import { loadModule, validateModule } from '../../engine/config/index.js';
import { hasErrors } from '../../engine/diag/index.js';
import { providerSchemas } from '../providers.js';
import { useColor } from '../views/color.js';
import { diagnosticJSON, renderDiagnosticsText } from '../views/diagnostics.js';

export interface Args {
  dir: string;
  json: boolean;
  'no-color': boolean;
}

/** Runs `runform validate`. */
export function validateHandler(argv: Args): void {
  const loaded = loadModule(argv.dir);
  const diags = [...loaded.diagnostics];
  if (!hasErrors(diags)) diags.push(...validateModule(loaded.module, providerSchemas()));
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  if (argv.json) {
    const out = {
      valid: errors === 0,
      error_count: errors,
      warning_count: warnings,
      diagnostics: diags.map(diagnosticJSON),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    if (diags.length > 0) {
      process.stderr.write(
        `${renderDiagnosticsText(diags, loaded.module.sources, useColor(process.stderr, argv['no-color']))}\n`,
      );
    }
    if (errors === 0)
      process.stdout.write(`Success! The configuration is valid${warnings ? `, with ${warnings} warning(s)` : ''}.\n`);
  }
  process.exitCode = errors === 0 ? 0 : 1;
}
