// apprunner_vpc_connector: immutable; only tags change in place, anything else is a replacement.
import {
  CreateVpcConnectorCommand,
  DeleteVpcConnectorCommand,
  DescribeVpcConnectorCommand,
  ListVpcConnectorsCommand,
  type VpcConnector,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, ResourceType } from '../../provider.js';
import { tagsToApi } from '../convert.js';
import { priorString, type Runtime, readTags, updateTagsOnly } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { ignoreNotFound, isNotFound } from '../sdk.js';

async function describe(rt: Runtime, arn: string, signal: AbortSignal): Promise<VpcConnector | undefined> {
  try {
    const r = await rt.client.send(new DescribeVpcConnectorCommand({ VpcConnectorArn: arn }), { abortSignal: signal });
    return r.VpcConnector?.Status === 'ACTIVE' ? r.VpcConnector : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function attrsOf(rt: Runtime, c: VpcConnector, signal: AbortSignal): Promise<JsonObject> {
  const arn = c.VpcConnectorArn ?? '';
  return {
    vpc_connector_name: c.VpcConnectorName ?? '',
    subnets: c.Subnets ?? [],
    security_groups: c.SecurityGroups ?? [],
    tags: await readTags(rt, arn, signal),
    arn,
    revision: c.VpcConnectorRevision ?? 0,
    status: c.Status ?? '',
  };
}

/** Builds the apprunner_vpc_connector resource type. */
export function vpcConnectorResource(rt: Runtime): ResourceType {
  const schema = resourceSchemas().get('apprunner_vpc_connector');
  if (!schema) throw new Error('apprunner_vpc_connector schema missing');
  async function mustRead(arn: string, signal: AbortSignal): Promise<JsonObject> {
    const c = await describe(rt, arn, signal);
    if (!c) throw new Error(`VPC connector ${arn} does not exist or is inactive`);
    return attrsOf(rt, c, signal);
  }
  return {
    schema,
    identityArgs: ['vpc_connector_name'],
    normalizers: NORMALIZERS,
    async read({ prior }, ctx) {
      const c = await describe(rt, priorString(prior, 'arn'), ctx.signal);
      return c ? { exists: true, attrs: await attrsOf(rt, c, ctx.signal) } : { exists: false };
    },
    async create({ args }, ctx) {
      const tags = tagsToApi(args.tags);
      const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
      const r = await rt.client.send(
        new CreateVpcConnectorCommand({
          VpcConnectorName: String(args.vpc_connector_name),
          Subnets: strings(args.subnets) ?? [],
          SecurityGroups: strings(args.security_groups),
          ...(tags.length ? { Tags: tags } : {}),
        }),
        { abortSignal: ctx.signal },
      );
      if (!r.VpcConnector) throw new Error('CreateVpcConnector returned nothing');
      return attrsOf(rt, r.VpcConnector, ctx.signal);
    },
    update(req, ctx) {
      return updateTagsOnly(rt, 'VPC connectors are immutable;', req, ctx.signal, mustRead);
    },
    async delete({ prior }, ctx) {
      await ignoreNotFound(
        rt.client.send(new DeleteVpcConnectorCommand({ VpcConnectorArn: priorString(prior, 'arn') }), {
          abortSignal: ctx.signal,
        }),
      );
    },
    async import({ id }, ctx) {
      return mustRead(id, ctx.signal);
    },
    async findExisting({ args }, ctx) {
      const name = args.vpc_connector_name;
      if (typeof name !== 'string') return undefined;
      let token: string | undefined;
      let best: VpcConnector | undefined;
      do {
        const r = await rt.client.send(new ListVpcConnectorsCommand({ NextToken: token }), { abortSignal: ctx.signal });
        for (const c of r.VpcConnectors ?? []) {
          if (c.VpcConnectorName !== name || c.Status !== 'ACTIVE') continue;
          if (!best || (c.VpcConnectorRevision ?? 0) > (best.VpcConnectorRevision ?? 0)) best = c;
        }
        token = r.NextToken;
      } while (token);
      return best ? attrsOf(rt, best, ctx.signal) : undefined;
    },
  };
}
