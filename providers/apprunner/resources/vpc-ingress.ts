// apprunner_vpc_ingress_connection: private access to a service through a VPC endpoint. Create,
// update (UpdateVpcIngressConnection) and delete each wait on the connection's own status.
import {
  CreateVpcIngressConnectionCommand,
  DeleteVpcIngressConnectionCommand,
  DescribeVpcIngressConnectionCommand,
  ListVpcIngressConnectionsCommand,
  UpdateVpcIngressConnectionCommand,
  type VpcIngressConnection,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, JsonValue, OpContext, ResourceType } from '../../provider.js';
import { tagsToApi } from '../convert.js';
import { CreateFailedError } from '../errors.js';
import { applyTags, priorString, type Runtime, readTags, timeoutFor } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { isInvalidState, isNotFound, isRecord } from '../sdk.js';
import { type Check, pollUntil } from '../wait/index.js';

async function describe(rt: Runtime, arn: string, signal: AbortSignal): Promise<VpcIngressConnection | undefined> {
  try {
    const r = await rt.client.send(new DescribeVpcIngressConnectionCommand({ VpcIngressConnectionArn: arn }), {
      abortSignal: signal,
    });
    return r.VpcIngressConnection?.Status === 'DELETED' ? undefined : r.VpcIngressConnection;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function attrsOf(rt: Runtime, c: VpcIngressConnection, signal: AbortSignal): Promise<JsonObject> {
  const arn = c.VpcIngressConnectionArn ?? '';
  const v = c.IngressVpcConfiguration;
  return {
    vpc_ingress_connection_name: c.VpcIngressConnectionName ?? '',
    service_arn: c.ServiceArn ?? '',
    ingress_vpc_configuration: {
      ...(v?.VpcId ? { vpc_id: v.VpcId } : {}),
      ...(v?.VpcEndpointId ? { vpc_endpoint_id: v.VpcEndpointId } : {}),
    },
    tags: await readTags(rt, arn, signal),
    arn,
    domain_name: c.DomainName ?? '',
    status: c.Status ?? '',
  };
}

function ingressConfig(v: JsonValue | undefined): { VpcId?: string; VpcEndpointId?: string } {
  if (!isRecord(v)) return {};
  return {
    ...(typeof v.vpc_id === 'string' ? { VpcId: v.vpc_id } : {}),
    ...(typeof v.vpc_endpoint_id === 'string' ? { VpcEndpointId: v.vpc_endpoint_id } : {}),
  };
}

/** Builds the apprunner_vpc_ingress_connection resource type. */
export function vpcIngressResource(rt: Runtime): ResourceType {
  const schema = resourceSchemas().get('apprunner_vpc_ingress_connection');
  if (!schema) throw new Error('apprunner_vpc_ingress_connection schema missing');

  /** Waits until AVAILABLE (or gone, for a delete); FAILED_* ends the wait with an error. */
  function settle(arn: string, goal: 'AVAILABLE' | 'gone', ctx: OpContext, timeoutMs: number) {
    return pollUntil(
      rt,
      {
        kind: 'VPC_INGRESS_CONNECTION',
        what: `VPC ingress connection ${arn}`,
        timeoutMs,
        signal: ctx.signal,
        progress: ctx.progress,
      },
      async (): Promise<Check<VpcIngressConnection | undefined>> => {
        const c = await describe(rt, arn, ctx.signal);
        if (!c) {
          if (goal === 'gone') return { done: true, value: undefined };
          throw new Error(`VPC ingress connection ${arn} disappeared`);
        }
        const status = c.Status ?? '';
        if (status.startsWith('FAILED_')) {
          if (status === 'FAILED_CREATION')
            throw new CreateFailedError(arn, `VPC ingress connection ${arn} ended ${status}`);
          throw new Error(`VPC ingress connection ${arn} ended ${status}`);
        }
        if (goal === 'AVAILABLE' && status === 'AVAILABLE') return { done: true, value: c };
        return { done: false, status };
      },
    );
  }

  async function mustRead(arn: string, signal: AbortSignal): Promise<JsonObject> {
    const c = await describe(rt, arn, signal);
    if (!c) throw new Error(`VPC ingress connection ${arn} does not exist`);
    return attrsOf(rt, c, signal);
  }

  return {
    schema,
    identityArgs: ['vpc_ingress_connection_name'],
    normalizers: NORMALIZERS,
    async read({ prior }, ctx) {
      const c = await describe(rt, priorString(prior, 'arn'), ctx.signal);
      return c ? { exists: true, attrs: await attrsOf(rt, c, ctx.signal) } : { exists: false };
    },
    async create({ args }, ctx) {
      const tags = tagsToApi(args.tags);
      const r = await rt.client.send(
        new CreateVpcIngressConnectionCommand({
          VpcIngressConnectionName: String(args.vpc_ingress_connection_name),
          ServiceArn: String(args.service_arn),
          IngressVpcConfiguration: ingressConfig(args.ingress_vpc_configuration),
          ...(tags.length ? { Tags: tags } : {}),
        }),
        { abortSignal: ctx.signal },
      );
      const arn = r.VpcIngressConnection?.VpcIngressConnectionArn;
      if (!arn) throw new Error('CreateVpcIngressConnection returned no ARN');
      await settle(arn, 'AVAILABLE', ctx, timeoutFor(rt, ctx, schema, 'create'));
      return mustRead(arn, ctx.signal);
    },
    async update({ args, prior, changed }, ctx) {
      const arn = priorString(prior, 'arn');
      if (changed.includes('ingress_vpc_configuration')) {
        await rt.client.send(
          new UpdateVpcIngressConnectionCommand({
            VpcIngressConnectionArn: arn,
            IngressVpcConfiguration: ingressConfig(args.ingress_vpc_configuration),
          }),
          { abortSignal: ctx.signal },
        );
        await settle(arn, 'AVAILABLE', ctx, timeoutFor(rt, ctx, schema, 'update'));
      }
      if (changed.includes('tags')) await applyTags(rt, arn, prior.tags, args.tags, ctx.signal);
      return mustRead(arn, ctx.signal);
    },
    async delete({ prior }, ctx) {
      const arn = priorString(prior, 'arn');
      try {
        await rt.client.send(new DeleteVpcIngressConnectionCommand({ VpcIngressConnectionArn: arn }), {
          abortSignal: ctx.signal,
        });
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isInvalidState(e)) throw e;
        // Refused because it is already deleted or being deleted: both end where we want.
        const now = await describe(rt, arn, ctx.signal);
        if (!now) return;
        if (now.Status !== 'PENDING_DELETION') throw e;
      }
      await settle(arn, 'gone', ctx, timeoutFor(rt, ctx, schema, 'delete'));
    },
    async import({ id }, ctx) {
      return mustRead(id, ctx.signal);
    },
    async findExisting({ args }, ctx) {
      const name = args.vpc_ingress_connection_name;
      if (typeof name !== 'string') return undefined;
      let token: string | undefined;
      do {
        const r = await rt.client.send(new ListVpcIngressConnectionsCommand({ NextToken: token }), {
          abortSignal: ctx.signal,
        });
        for (const s of r.VpcIngressConnectionSummaryList ?? []) {
          if (!s.VpcIngressConnectionArn) continue;
          const c = await describe(rt, s.VpcIngressConnectionArn, ctx.signal);
          if (c?.VpcIngressConnectionName === name) return attrsOf(rt, c, ctx.signal);
        }
        token = r.NextToken;
      } while (token);
      return undefined;
    },
  };
}
