import type { AttributeMeta, ResourceSchema } from '../../providers/provider.js';

// Schemas of the test provider. `test_thing` exercises every kind of attribute metadata;
// `test_revision` is replaced create-before-destroy by default; `test_lookup` is a data source.

const computedIds: Record<string, AttributeMeta> = {
  id: { computed: true },
  arn: { computed: true },
};

/** Managed resource schemas by type. */
export const resourceSchemas: Record<string, ResourceSchema> = {
  test_thing: {
    type: 'test_thing',
    kind: 'resource',
    description: 'A thing with a name, a size and settings.',
    args: { type: 'object' },
    attributes: {
      ...computedIds,
      url: { computed: true },
      name: { forcesReplacement: true },
      size: { default: 1 },
      cpu: { normalize: 'cpu', default: '1024' },
      secret: { sensitive: true },
      tags: {},
      'tags.*': {},
      note: {},
      zone: { optional: true, computed: true },
      depends: {},
      settings: { block: true },
      'settings.mode': { default: 'standard' },
      'settings.region': { forcesReplacement: true },
    },
  },
  test_revision: {
    type: 'test_revision',
    kind: 'resource',
    description: 'A revision: replaced by creating the new one first.',
    args: { type: 'object' },
    createBeforeDestroyByDefault: true,
    attributes: { ...computedIds, name: { forcesReplacement: true }, content: { forcesReplacement: true } },
  },
};

/** Data source schemas by type. */
export const dataSchemas: Record<string, ResourceSchema> = {
  test_lookup: {
    type: 'test_lookup',
    kind: 'data',
    description: 'Looks up a value by name.',
    args: { type: 'object' },
    attributes: { name: {}, value: { computed: true } },
  },
};
