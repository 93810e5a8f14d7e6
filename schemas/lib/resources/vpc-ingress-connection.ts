// apprunner_vpc_ingress_connection: makes a private service reachable through an interface endpoint.
import { ARN, STATUS, TAGS } from './common.js';
import { FIVE_MINUTES, type ResourceDef, timeouts } from './types.js';

/** Definition of apprunner_vpc_ingress_connection. */
export const vpcIngressConnection: ResourceDef = {
  type: 'apprunner_vpc_ingress_connection',
  description: 'A VPC ingress connection: reaches a service privately through an interface VPC endpoint.',
  input: 'CreateVpcIngressConnectionRequest',
  members: ['VpcIngressConnectionName', 'ServiceArn', 'IngressVpcConfiguration', 'Tags'],
  attributes: {
    // The API cannot rename a connection, so a new name means a new connection.
    vpc_ingress_connection_name: { description: 'Name of the connection.', forcesReplacement: true },
    service_arn: { description: 'ARN of the service to reach.', forcesReplacement: true },
    ingress_vpc_configuration: { description: 'The VPC and endpoint the traffic comes from; changed in place.' },
    'ingress_vpc_configuration.vpc_id': { description: 'ID of the VPC.' },
    'ingress_vpc_configuration.vpc_endpoint_id': { description: 'ID of the interface VPC endpoint in that VPC.' },
    tags: TAGS,
  },
  computed: {
    arn: { ...ARN, from: 'VpcIngressConnection$VpcIngressConnectionArn' },
    domain_name: {
      description: 'The private domain name under which the service is reached from the VPC.',
      from: 'VpcIngressConnection$DomainName',
    },
    status: { ...STATUS, from: 'VpcIngressConnection$Status' },
  },
  timeouts: timeouts(FIVE_MINUTES),
};
