import { configAddr, type InstanceAddr } from '../../engine/addrs/index.js';
import type { AttrPath, JsonValue, State } from '../../engine/state/index.js';

// Human text of state instances, shared by `runform state show` and `runform show`.

// A marker no real attribute holds; printed as `(sensitive value)`.
const SECRET = '\u0000sensitive';

/** The attributes with every sensitive path replaced, so no secret is ever printed. */
function redacted(attrs: JsonValue, paths: readonly AttrPath[]): JsonValue {
  const copy = JSON.parse(JSON.stringify(attrs)) as JsonValue;
  for (const p of paths) {
    if (p.length === 0) return SECRET;
    let at: JsonValue = copy;
    for (const step of p.slice(0, -1)) {
      if (at === null || typeof at !== 'object') break;
      at = (at as Record<string | number, JsonValue>)[step] ?? null;
    }
    const last = p[p.length - 1];
    if (at !== null && typeof at === 'object' && last in at) (at as Record<string | number, JsonValue>)[last] = SECRET;
  }
  return copy;
}

/**
 * One instance (or, with `deposed`, a deposed object of it) as a resource block with its
 * attributes, sensitive ones shown as `(sensitive value)`.
 */
export function renderInstanceText(s: State, a: InstanceAddr, deposed?: string): string {
  const o = deposed === undefined ? s.instance(a) : s.deposedObject(a, deposed);
  const r = s.resource(configAddr(a));
  if (!o || !r) return '';
  const marks = [...(deposed === undefined ? [] : [`deposed object ${deposed}`]), ...(o.status ? [o.status] : [])];
  let out = `# ${a}:${marks.map((m) => ` (${m})`).join('')}\nresource "${r.type}" "${r.name}" {\n`;
  const attrs = redacted(o.attributes, o.sensitivePaths) as Record<string, JsonValue>;
  const width = Math.max(0, ...Object.keys(attrs).map((k) => k.length));
  for (const [k, v] of Object.entries(attrs)) {
    const text = JSON.stringify(v, null, 2)
      .replaceAll(JSON.stringify(SECRET), '(sensitive value)')
      .replaceAll('\n', '\n    ');
    out += `    ${k.padEnd(width)} = ${text}\n`;
  }
  return `${out}}\n`;
}
