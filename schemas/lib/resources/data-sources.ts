// Data sources: read existing resources by name (or ARN) and report what the resource types report.
import { exactlyOneOf } from './common.js';
import type { DataSourceDef } from './types.js';

/** data.apprunner_service: an existing service, found by name or ARN. */
export const serviceData: DataSourceDef = {
  type: 'apprunner_service',
  description: 'Reads an existing App Runner service, found by `service_name` or by `arn` (give exactly one).',
  mirrors: 'apprunner_service',
  lookup: {
    service_name: { description: 'Name of the service to read.' },
    // The model gives all App Runner ARNs one shape; the resource has no ARN argument to copy from.
    arn: { description: 'ARN of the service to read.', sameAs: 'auto_scaling_configuration_arn' },
  },
  argsSchema: exactlyOneOf('service_name', 'arn'),
};

/** data.apprunner_auto_scaling_configuration: the newest revision of a name. */
export const autoScalingConfigurationData: DataSourceDef = {
  type: 'apprunner_auto_scaling_configuration',
  description: 'Reads the newest active revision of an auto scaling configuration, found by name.',
  mirrors: 'apprunner_auto_scaling_configuration',
  lookup: {
    auto_scaling_configuration_name: { description: 'Name of the configuration to read.', required: true },
  },
};

/** data.apprunner_connection: an existing connection, found by name. */
export const connectionData: DataSourceDef = {
  type: 'apprunner_connection',
  description: 'Reads an existing connection to a source code provider, found by name.',
  mirrors: 'apprunner_connection',
  lookup: { connection_name: { description: 'Name of the connection to read.', required: true } },
};
