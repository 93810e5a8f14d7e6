// apprunner_observability_configuration: one immutable revision of a named tracing setting.
import { ARN, LATEST, REVISION, STATUS, TAGS } from './common.js';
import { FIVE_MINUTES, type ResourceDef, timeouts } from './types.js';

/** Definition of apprunner_observability_configuration. */
export const observabilityConfiguration: ResourceDef = {
  type: 'apprunner_observability_configuration',
  description:
    'An observability configuration revision (request tracing). Revisions cannot be edited, so any change ' +
    'creates a new revision before the old one is deleted.',
  input: 'CreateObservabilityConfigurationRequest',
  members: ['ObservabilityConfigurationName', 'TraceConfiguration', 'Tags'],
  attributes: {
    observability_configuration_name: {
      description: 'Name shared by all revisions of this configuration. `DefaultConfiguration` is reserved.',
      forcesReplacement: true,
    },
    trace_configuration: {
      description: 'Tracing settings; without this block no traces are collected.',
      forcesReplacement: true,
    },
    'trace_configuration.vendor': { description: 'The tracing backend that receives the traces.' },
    tags: TAGS,
  },
  computed: {
    arn: { ...ARN, from: 'ObservabilityConfiguration$ObservabilityConfigurationArn' },
    revision: { ...REVISION, from: 'ObservabilityConfiguration$ObservabilityConfigurationRevision' },
    latest: { ...LATEST, from: 'ObservabilityConfiguration$Latest' },
    status: { ...STATUS, from: 'ObservabilityConfiguration$Status' },
  },
  createBeforeDestroyByDefault: true,
  timeouts: timeouts(FIVE_MINUTES),
};
