import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModule } from '../../../engine/config/index.js';
import type { Body } from '../../../engine/hcl/index.js';
import { dataSourceSchemas, resourceSchemas } from '../../../providers/apprunner/schemas.js';
import type { ResourceSchema } from '../../../providers/provider.js';

type Node = { readonly [key: string]: unknown };

/** Names in a body that the schema does not know, or that are written as a block when they are not one (or the reverse). */
function mismatches(
  schema: ResourceSchema,
  node: Node,
  body: Pick<Body, 'attributes' | 'blocks'>,
  prefix: string,
): string[] {
  const props = (node.properties ?? {}) as Record<string, Node>;
  const out: string[] = [];
  for (const a of body.attributes) {
    const path = prefix + a.name;
    if (!props[a.name]) out.push(`unknown argument ${path}`);
    else if (schema.attributes[path]?.block) out.push(`${path} is a block but written as an attribute`);
  }
  for (const b of body.blocks) {
    const path = prefix + b.type;
    if (!props[b.type]) out.push(`unknown block ${path}`);
    else if (!schema.attributes[path]?.block) out.push(`${path} is written as a block but is not one`);
    else out.push(...mismatches(schema, props[b.type], b.body, `${path}.`));
  }
  return out;
}

describe('the quickstart example against the resource schemas', () => {
  const { module, diagnostics } = loadModule(join(import.meta.dirname, '..', '..', '..', 'examples', 'quickstart'));

  it('uses only arguments and blocks the schemas define, written the way the schemas say', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(module.resources.size).toBeGreaterThan(0);
    for (const r of module.resources.values()) {
      const schema = (r.mode === 'data' ? dataSourceSchemas() : resourceSchemas()).get(r.type);
      expect(schema, r.address).toBeDefined();
      expect(mismatches(schema!, schema!.args, r.config, ''), r.address).toEqual([]);
    }
  });
});
