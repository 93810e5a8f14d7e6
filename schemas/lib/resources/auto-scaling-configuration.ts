// apprunner_auto_scaling_configuration: one immutable revision of a named scaling setting.
import { ARN, LATEST, REVISION, STATUS, TAGS } from './common.js';
import { FIVE_MINUTES, type ResourceDef, timeouts } from './types.js';

// The defaults below (100 concurrent requests, 1 to 25 instances) are App Runner's documented
// behaviour when a member is omitted; the model carries them only in prose, not as default traits.

/** Definition of apprunner_auto_scaling_configuration. */
export const autoScalingConfiguration: ResourceDef = {
  type: 'apprunner_auto_scaling_configuration',
  description:
    'An auto scaling configuration revision. Revisions cannot be edited, so any change creates a new ' +
    'revision (under the same name) before the old one is deleted.',
  input: 'CreateAutoScalingConfigurationRequest',
  members: ['AutoScalingConfigurationName', 'MaxConcurrency', 'MinSize', 'MaxSize', 'Tags'],
  attributes: {
    auto_scaling_configuration_name: {
      description: 'Name shared by all revisions of this configuration.',
      forcesReplacement: true,
    },
    max_concurrency: {
      description: 'Concurrent requests one instance handles before App Runner adds another instance.',
      forcesReplacement: true,
      default: 100,
    },
    min_size: {
      description: 'Instances kept provisioned at all times, even without traffic.',
      forcesReplacement: true,
      default: 1,
    },
    max_size: { description: 'Upper bound on the instances serving traffic.', forcesReplacement: true, default: 25 },
    tags: TAGS,
  },
  computed: {
    arn: { ...ARN, from: 'AutoScalingConfiguration$AutoScalingConfigurationArn' },
    revision: { ...REVISION, from: 'AutoScalingConfiguration$AutoScalingConfigurationRevision' },
    latest: { ...LATEST, from: 'AutoScalingConfiguration$Latest' },
    is_default: {
      description: 'Whether services created without an auto scaling ARN get this revision.',
      from: 'AutoScalingConfiguration$IsDefault',
      sideEffect: true,
    },
    has_associated_service: {
      description: 'Whether at least one service uses this revision.',
      from: 'AutoScalingConfiguration$HasAssociatedService',
      sideEffect: true,
    },
    status: { ...STATUS, from: 'AutoScalingConfiguration$Status' },
  },
  createBeforeDestroyByDefault: true,
  timeouts: timeouts(FIVE_MINUTES),
};
