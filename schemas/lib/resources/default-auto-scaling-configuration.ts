// apprunner_default_auto_scaling_configuration: which revision new services get when they name none.
import { FIVE_MINUTES, type ResourceDef, timeouts } from './types.js';

/** Definition of apprunner_default_auto_scaling_configuration. */
export const defaultAutoScalingConfiguration: ResourceDef = {
  type: 'apprunner_default_auto_scaling_configuration',
  description:
    'The auto scaling configuration revision that services get when they name none. There is one per ' +
    'account and region.',
  input: 'UpdateDefaultAutoScalingConfigurationRequest',
  members: ['AutoScalingConfigurationArn'],
  attributes: {
    auto_scaling_configuration_arn: { description: 'ARN of the revision to make the default.' },
  },
  computed: {},
  timeouts: timeouts(FIVE_MINUTES),
};
