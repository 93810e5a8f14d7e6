// data.apprunner_auto_scaling_configuration: the newest active revision of a name.
import type { DataSourceType } from '../../provider.js';
import { autoScalingAttributes, latestRevision } from '../resources/auto-scaling.js';
import type { Runtime } from '../runtime.js';
import { dataSourceSchemas } from '../schemas.js';

/** Builds the apprunner_auto_scaling_configuration data source. */
export function autoScalingDataSource(rt: Runtime): DataSourceType {
  const schema = dataSourceSchemas().get('apprunner_auto_scaling_configuration');
  if (!schema) throw new Error('data.apprunner_auto_scaling_configuration schema missing');
  return {
    schema,
    async read({ args }, ctx) {
      const name = String(args.auto_scaling_configuration_name);
      const c = await latestRevision(rt, name, ctx.signal);
      if (!c) throw new Error(`no active auto scaling configuration named ${name}`);
      return autoScalingAttributes(rt, c, ctx.signal);
    },
  };
}
