import { checkBody, requireBool, staticString } from '../config/body.js';
import type { BackendConfig } from '../config/module.js';
import { type Diagnostic, error } from '../diag/index.js';

// Backend settings are literal values: the backend is opened before any variable or resource can
// be evaluated, and the values must never depend on the state they lead to.

/** The type of one backend setting. */
export type SettingType = 'string' | 'bool' | 'number';

/** One setting a backend kind accepts. */
export interface SettingSpec {
  readonly type: SettingType;
  readonly required?: boolean;
}

/** The value of a decoded setting. */
export type SettingValue = string | boolean | number;

/**
 * Checks the body of `backend "KIND" { … }` against the settings the kind accepts. Unknown
 * settings, wrong types and missing required settings become diagnostics at file:line:col.
 */
export function decodeBackendSettings(
  config: BackendConfig,
  spec: Readonly<Record<string, SettingSpec>>,
  diags: Diagnostic[],
): Record<string, SettingValue> {
  const what = `the backend "${config.kind}" block`;
  const body = checkBody(
    config.body,
    {
      attributes: Object.fromEntries(Object.entries(spec).map(([k, s]) => [k, { required: s.required === true }])),
      blocks: {},
    },
    what,
    diags,
    config.range,
  );
  const out: Record<string, SettingValue> = {};
  for (const [name, attr] of body.attrs) {
    const type = spec[name]?.type;
    if (type === 'string') {
      const s = staticString(attr.expr);
      if (s === undefined) {
        diags.push(
          error('Invalid value', attr.expr.range, `The setting "${name}" of ${what} must be a literal string.`),
        );
      } else out[name] = s;
    } else if (type === 'bool') {
      const b = requireBool(attr, diags);
      if (b !== undefined) out[name] = b;
    } else if (type === 'number') {
      const e = attr.expr.kind === 'Parens' ? attr.expr.expr : attr.expr;
      if (e.kind === 'Literal' && typeof e.value === 'number') out[name] = e.value;
      else
        diags.push(
          error('Invalid value', attr.expr.range, `The setting "${name}" of ${what} must be a literal number.`),
        );
    }
  }
  return out;
}
