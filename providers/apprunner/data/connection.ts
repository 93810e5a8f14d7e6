// data.apprunner_connection: an existing connection, by name.
import type { DataSourceType } from '../../provider.js';
import { connectionAttributes, findConnection } from '../resources/connection.js';
import type { Runtime } from '../runtime.js';
import { dataSourceSchemas } from '../schemas.js';

/** Builds the apprunner_connection data source. */
export function connectionDataSource(rt: Runtime): DataSourceType {
  const schema = dataSourceSchemas().get('apprunner_connection');
  if (!schema) throw new Error('data.apprunner_connection schema missing');
  return {
    schema,
    async read({ args }, ctx) {
      const name = String(args.connection_name);
      const c = await findConnection(rt.client, name, ctx.signal);
      if (!c) throw new Error(`no connection named ${name}`);
      return connectionAttributes(rt, c, ctx.signal);
    },
  };
}
