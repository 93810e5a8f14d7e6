// The emulated account: one plain, JSON-serialisable record per resource, grouped by region.
import type { Json, JsonObject } from './json.js';

/** The status a service reports. */
export type ServiceStatus =
  | 'CREATE_FAILED'
  | 'RUNNING'
  | 'DELETED'
  | 'DELETE_FAILED'
  | 'PAUSED'
  | 'OPERATION_IN_PROGRESS';
/** The kinds of asynchronous service operation. */
export type OperationType =
  | 'CREATE_SERVICE'
  | 'UPDATE_SERVICE'
  | 'START_DEPLOYMENT'
  | 'PAUSE_SERVICE'
  | 'RESUME_SERVICE'
  | 'DELETE_SERVICE';
/** How a scheduled operation will end. */
export type OperationOutcome = 'succeed' | 'fail' | 'rollback' | 'rollback-failed';

/** One service operation; its status is derived from the clock, so nothing needs a timer. */
export interface OperationRecord {
  readonly id: string;
  readonly type: OperationType;
  readonly targetArn: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly outcome: OperationOutcome;
}

/** The configuration members a service carries and UpdateService may change. */
export interface ServiceConfig {
  SourceConfiguration: JsonObject;
  InstanceConfiguration: JsonObject;
  HealthCheckConfiguration: JsonObject;
  NetworkConfiguration: JsonObject;
  ObservabilityConfiguration?: JsonObject;
  EncryptionConfiguration?: JsonObject;
  AutoScalingConfigurationArn: string;
}

/** A custom domain association of a service. */
export interface DomainRecord {
  readonly name: string;
  readonly www: boolean;
  status: 'CREATING' | 'PENDING_CERTIFICATE_DNS_VALIDATION' | 'ACTIVE' | 'DELETING';
  /** When the current transition (CREATING → pending, or DELETING → gone) completes. */
  until: number;
  readonly records: { Name: string; Type: string; Value: string }[];
}

/** A service. `status` is the settled status; an in-flight `op` overrides it until it ends. */
export interface ServiceRecord {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly url: string;
  readonly createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  status: ServiceStatus;
  config: ServiceConfig;
  /** The configuration before the in-flight update, restored on rollback. */
  previous?: ServiceConfig;
  /** Every operation, oldest first; the last one may be in flight. */
  operations: OperationRecord[];
  domains: DomainRecord[];
}

/** A revisioned configuration: auto scaling or observability. */
export interface RevisionRecord {
  readonly arn: string;
  readonly name: string;
  readonly revision: number;
  readonly createdAt: number;
  status: 'ACTIVE' | 'INACTIVE';
  deletedAt?: number;
  /** The type-specific members (MaxConcurrency/MinSize/MaxSize, or TraceConfiguration). */
  readonly body: JsonObject;
}

/** A VPC connector revision. */
export interface VpcConnectorRecord extends RevisionRecord {}

/** A source code connection. */
export interface ConnectionRecord {
  readonly arn: string;
  readonly name: string;
  readonly providerType: string;
  readonly createdAt: number;
  status: 'PENDING_HANDSHAKE' | 'AVAILABLE' | 'ERROR' | 'DELETED';
}

/** The status of a VPC ingress connection. */
export type IngressStatus =
  | 'AVAILABLE'
  | 'PENDING_CREATION'
  | 'PENDING_UPDATE'
  | 'PENDING_DELETION'
  | 'FAILED_CREATION'
  | 'FAILED_UPDATE'
  | 'FAILED_DELETION'
  | 'DELETED';

/** A VPC ingress connection; `until` is when its pending status settles. */
export interface IngressRecord {
  readonly arn: string;
  readonly name: string;
  readonly serviceArn: string;
  readonly domainName: string;
  readonly createdAt: number;
  status: IngressStatus;
  until: number;
  /** The pending transition ends in its FAILED_* status (scheduled through the admin API). */
  failing?: boolean;
  deletedAt?: number;
  vpc: JsonObject;
}

/** Everything that lives in one region of the account. */
export interface RegionState {
  readonly services: Map<string, ServiceRecord>;
  readonly autoScaling: Map<string, RevisionRecord>;
  readonly observability: Map<string, RevisionRecord>;
  readonly vpcConnectors: Map<string, VpcConnectorRecord>;
  readonly ingress: Map<string, IngressRecord>;
  readonly connections: Map<string, ConnectionRecord>;
  readonly tags: Map<string, { Key: string; Value: string }[]>;
  /** The ARN of the account's default auto scaling configuration in this region. */
  defaultAutoScalingArn: string;
}

/** A fresh, empty region. */
export function emptyRegion(): RegionState {
  return {
    services: new Map(),
    autoScaling: new Map(),
    observability: new Map(),
    vpcConnectors: new Map(),
    ingress: new Map(),
    connections: new Map(),
    tags: new Map(),
    defaultAutoScalingArn: '',
  };
}

/** The whole emulated account. */
export interface Account {
  readonly accountId: string;
  readonly regions: Map<string, RegionState>;
}

/** Serialisable form of a region (maps become arrays of records). */
export function regionToJson(r: RegionState): Json {
  const values = <T>(m: Map<string, T>): T[] => [...m.values()];
  return JSON.parse(
    JSON.stringify({
      services: values(r.services),
      autoScaling: values(r.autoScaling),
      observability: values(r.observability),
      vpcConnectors: values(r.vpcConnectors),
      ingress: values(r.ingress),
      connections: values(r.connections),
      tags: [...r.tags.entries()],
      defaultAutoScalingArn: r.defaultAutoScalingArn,
    }),
  ) as Json;
}
