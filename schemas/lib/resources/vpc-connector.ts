// apprunner_vpc_connector: lets a service send outbound traffic into a VPC.
import { ARN, REVISION, STATUS, TAGS } from './common.js';
import { FIVE_MINUTES, type ResourceDef, timeouts } from './types.js';

/** Definition of apprunner_vpc_connector. */
export const vpcConnector: ResourceDef = {
  type: 'apprunner_vpc_connector',
  description:
    'A VPC connector for outbound traffic from services into a VPC. It cannot be edited: a change creates ' +
    'a replacement before the old connector is deleted.',
  input: 'CreateVpcConnectorRequest',
  members: ['VpcConnectorName', 'Subnets', 'SecurityGroups', 'Tags'],
  attributes: {
    vpc_connector_name: { description: 'Name of the connector.', forcesReplacement: true },
    subnets: { description: 'IDs of the subnets the connector places network interfaces in.', forcesReplacement: true },
    security_groups: {
      description: 'IDs of the security groups applied to those interfaces; the VPC default group when omitted.',
      forcesReplacement: true,
      computed: true,
    },
    tags: TAGS,
  },
  computed: {
    arn: { ...ARN, from: 'VpcConnector$VpcConnectorArn' },
    revision: { ...REVISION, from: 'VpcConnector$VpcConnectorRevision' },
    status: { ...STATUS, from: 'VpcConnector$Status' },
  },
  createBeforeDestroyByDefault: true,
  timeouts: timeouts(FIVE_MINUTES),
};
