import type { InstanceAddr, ResourceAddr } from '../../../engine/addrs/index.js';
import { type InstanceObject, providerAddr, type StateChange } from '../../../engine/state/index.js';

/** The provider address every fixture resource uses. */
export const APPRUNNER = providerAddr('apprunner');

/** An App Runner service instance with realistic attributes, numbered so that each one differs. */
export function serviceInstance(i: number): InstanceObject {
  const id = i.toString(16).padStart(32, '0');
  const arn = `arn:aws:apprunner:eu-west-1:123456789012:service/web-${i}/${id}`;
  return {
    attributes: {
      arn,
      service_id: id,
      service_name: `web-${i}`,
      service_url: `${id.slice(0, 10)}.eu-west-1.awsapprunner.com`,
      status: 'RUNNING',
      source_configuration: {
        auto_deployments_enabled: false,
        image_repository: {
          image_identifier: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:${i}.0.0`,
          image_repository_type: 'ECR',
          image_configuration: {
            port: '8080',
            runtime_environment_variables: { NODE_ENV: 'production', LOG_LEVEL: 'info', SERVICE_INDEX: String(i) },
            runtime_environment_secrets: {
              DB_PASSWORD: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-${i}`,
            },
          },
        },
      },
      instance_configuration: { cpu: '1024', memory: '2048', instance_role_arn: null },
      health_check_configuration: {
        protocol: 'TCP',
        interval: 10,
        timeout: 5,
        healthy_threshold: 1,
        unhealthy_threshold: 5,
      },
      auto_scaling_configuration_arn:
        'arn:aws:apprunner:eu-west-1:123456789012:autoscalingconfiguration/standard/1/0123456789abcdef0123456789abcdef',
      tags: { team: 'platform', env: 'prod', service: `web-${i}` },
    },
    sensitivePaths: [
      ['source_configuration', 'image_repository', 'image_configuration', 'runtime_environment_secrets'],
    ],
    dependencies: ['aws_apprunner_auto_scaling_configuration_version.standard' as ResourceAddr],
  };
}

/** The address of the i-th service instance. */
export function serviceAddr(i: number): InstanceAddr {
  return `aws_apprunner_service.web[${i}]` as InstanceAddr;
}

/** The change that creates the i-th service instance. */
export function createService(i: number): StateChange {
  return { kind: 'set-instance', addr: serviceAddr(i), provider: APPRUNNER, instance: serviceInstance(i) };
}
