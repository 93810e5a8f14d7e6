// data.apprunner_service: an existing service, by name or by ARN, with the resource's attributes.
import { ListServicesCommand } from '@aws-sdk/client-apprunner';
import type { DataSourceType } from '../../provider.js';
import { describeService, serviceAttributes, serviceSchema } from '../resources/service.js';
import type { Runtime } from '../runtime.js';
import { dataSourceSchemas } from '../schemas.js';

async function arnByName(rt: Runtime, name: string, signal: AbortSignal): Promise<string | undefined> {
  let token: string | undefined;
  do {
    const r = await rt.client.send(new ListServicesCommand({ NextToken: token, MaxResults: 20 }), {
      abortSignal: signal,
    });
    const s = r.ServiceSummaryList?.find((x) => x.ServiceName === name && x.Status !== 'DELETED');
    if (s?.ServiceArn) return s.ServiceArn;
    token = r.NextToken;
  } while (token);
  return undefined;
}

/** Builds the apprunner_service data source. */
export function serviceDataSource(rt: Runtime): DataSourceType {
  const schema = dataSourceSchemas().get('apprunner_service');
  if (!schema) throw new Error('data.apprunner_service schema missing');
  const resource = serviceSchema();
  return {
    schema,
    async read({ args }, ctx) {
      const byArn = typeof args.arn === 'string' ? args.arn : undefined;
      const byName = typeof args.service_name === 'string' ? args.service_name : undefined;
      if ((byArn === undefined) === (byName === undefined)) throw new Error('give exactly one of service_name or arn');
      const arn = byArn ?? (await arnByName(rt, byName ?? '', ctx.signal));
      const svc = arn ? await describeService(rt, arn, ctx.signal) : undefined;
      if (!svc) throw new Error(`no App Runner service ${byArn ?? `named ${byName}`}`);
      return serviceAttributes(rt, resource, svc, ctx.signal);
    },
  };
}
