// Rendering values as HCL-like text for plans and messages. Sensitive values are never shown and
// unknown ones say so, so a caller cannot leak a secret by printing a value.
import { jsonStringify } from './functions/encoding.js';
import { formatNumber, UNKNOWN, type Value } from './values.js';

/** Placeholder shown for a sensitive value. */
export const SENSITIVE_TEXT = '(sensitive value)';
/** Placeholder shown for a value not known until apply. */
export const UNKNOWN_TEXT = '(known after apply)';

/** The value as HCL-like text, indented by `indent` spaces for nested lines; secrets are redacted. */
export function displayValue(v: Value, indent = 0): string {
  if (v.sensitive) return SENSITIVE_TEXT;
  const p = v.payload;
  if (p === UNKNOWN) return UNKNOWN_TEXT;
  if (p === null) return 'null';
  if (typeof p === 'string') return p.includes('\n') ? heredoc(p, indent) : jsonStringify(p);
  if (typeof p === 'number') return formatNumber(p);
  if (typeof p === 'boolean') return String(p);
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(p)) {
    const items = p as readonly Value[];
    if (items.length === 0) return '[]';
    return `[\n${items.map((e) => `${pad}${displayValue(e, indent + 2)},`).join('\n')}\n${end}]`;
  }
  const attrs = [...(p as ReadonlyMap<string, Value>)];
  if (attrs.length === 0) return '{}';
  const width = Math.max(...attrs.map(([k]) => displayKey(k).length));
  return `{\n${attrs.map(([k, e]) => `${pad}${displayKey(k).padEnd(width)} = ${displayValue(e, indent + 2)}`).join('\n')}\n${end}}`;
}

function displayKey(k: string): string {
  return /^[A-Za-z_][\w-]*$/.test(k) ? k : jsonStringify(k);
}

function heredoc(s: string, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  return `<<-EOT\n${body
    .split('\n')
    .map((l) => `${pad}${l}`)
    .join('\n')}\n${' '.repeat(indent)}EOT`;
}
