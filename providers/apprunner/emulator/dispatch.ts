// The operation table: every operation of the model, its handler, and whether it changes the account.
import * as asc from './autoscaling.js';
import * as conn from './connections.js';
import type { Ctx } from './context.js';
import * as domains from './custom-domains.js';
import type { JsonObject } from './json.js';
import * as obs from './observability.js';
import { listOperations } from './operations.js';
import * as svc from './services.js';
import * as tags from './tags.js';
import * as vpc from './vpc-connectors.js';
import * as ingress from './vpc-ingress.js';

/** The 37 operations of the App Runner API. */
export type OperationName =
  | 'AssociateCustomDomain'
  | 'CreateAutoScalingConfiguration'
  | 'CreateConnection'
  | 'CreateObservabilityConfiguration'
  | 'CreateService'
  | 'CreateVpcConnector'
  | 'CreateVpcIngressConnection'
  | 'DeleteAutoScalingConfiguration'
  | 'DeleteConnection'
  | 'DeleteObservabilityConfiguration'
  | 'DeleteService'
  | 'DeleteVpcConnector'
  | 'DeleteVpcIngressConnection'
  | 'DescribeAutoScalingConfiguration'
  | 'DescribeCustomDomains'
  | 'DescribeObservabilityConfiguration'
  | 'DescribeService'
  | 'DescribeVpcConnector'
  | 'DescribeVpcIngressConnection'
  | 'DisassociateCustomDomain'
  | 'ListAutoScalingConfigurations'
  | 'ListConnections'
  | 'ListObservabilityConfigurations'
  | 'ListOperations'
  | 'ListServices'
  | 'ListServicesForAutoScalingConfiguration'
  | 'ListTagsForResource'
  | 'ListVpcConnectors'
  | 'ListVpcIngressConnections'
  | 'PauseService'
  | 'ResumeService'
  | 'StartDeployment'
  | 'TagResource'
  | 'UntagResource'
  | 'UpdateDefaultAutoScalingConfiguration'
  | 'UpdateService'
  | 'UpdateVpcIngressConnection';

/** A handler takes a validated input and answers the output structure, or throws an ApiError. */
export type Handler = (input: JsonObject, ctx: Ctx) => JsonObject;

/** A table entry; `mutates` tells persistence that the account must be written afterwards. */
export interface OperationEntry {
  readonly handler: Handler;
  readonly mutates: boolean;
}

const read = (handler: Handler): OperationEntry => ({ handler, mutates: false });
const write = (handler: Handler): OperationEntry => ({ handler, mutates: true });

/** Every operation's entry; a missing operation would not compile. */
export const OPERATIONS: Readonly<Record<OperationName, OperationEntry>> = {
  AssociateCustomDomain: write(domains.associateCustomDomain),
  CreateAutoScalingConfiguration: write(asc.createAutoScalingConfiguration),
  CreateConnection: write(conn.createConnection),
  CreateObservabilityConfiguration: write(obs.createObservabilityConfiguration),
  CreateService: write(svc.createService),
  CreateVpcConnector: write(vpc.createVpcConnector),
  CreateVpcIngressConnection: write(ingress.createVpcIngressConnection),
  DeleteAutoScalingConfiguration: write(asc.deleteAutoScalingConfiguration),
  DeleteConnection: write(conn.deleteConnection),
  DeleteObservabilityConfiguration: write(obs.deleteObservabilityConfiguration),
  DeleteService: write(svc.deleteService),
  DeleteVpcConnector: write(vpc.deleteVpcConnector),
  DeleteVpcIngressConnection: write(ingress.deleteVpcIngressConnection),
  DescribeAutoScalingConfiguration: read(asc.describeAutoScalingConfiguration),
  DescribeCustomDomains: read(domains.describeCustomDomains),
  DescribeObservabilityConfiguration: read(obs.describeObservabilityConfiguration),
  DescribeService: read(svc.describeService),
  DescribeVpcConnector: read(vpc.describeVpcConnector),
  DescribeVpcIngressConnection: read(ingress.describeVpcIngressConnection),
  DisassociateCustomDomain: write(domains.disassociateCustomDomain),
  ListAutoScalingConfigurations: read(asc.listAutoScalingConfigurations),
  ListConnections: read(conn.listConnections),
  ListObservabilityConfigurations: read(obs.listObservabilityConfigurations),
  ListOperations: read(listOperations),
  ListServices: read(svc.listServices),
  ListServicesForAutoScalingConfiguration: read(asc.listServicesForAutoScalingConfiguration),
  ListTagsForResource: read(tags.listTagsForResource),
  ListVpcConnectors: read(vpc.listVpcConnectors),
  ListVpcIngressConnections: read(ingress.listVpcIngressConnections),
  PauseService: write(svc.pauseService),
  ResumeService: write(svc.resumeService),
  StartDeployment: write(svc.startDeployment),
  TagResource: write(tags.tagResource),
  UntagResource: write(tags.untagResource),
  UpdateDefaultAutoScalingConfiguration: write(asc.updateDefaultAutoScalingConfiguration),
  UpdateService: write(svc.updateService),
  UpdateVpcIngressConnection: write(ingress.updateVpcIngressConnection),
};

/** Narrows an X-Amz-Target operation name to a known operation. */
export function isOperation(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}
