// The `source_configuration` block of apprunner_service: where the code or image comes from.
import { exactlyOneOf } from './common.js';
import type { AttrDef } from './types.js';

const SRC = 'source_configuration';
const CODE = `${SRC}.code_repository`;
const IMG = `${SRC}.image_repository`;
const VALUES = `${CODE}.code_configuration.code_configuration_values`;

// App Runner's documented default port when none is given; the model states it only in prose.
const PORT_DEFAULT = '8080';

/** The settings shared by an image's configuration and a code repository's configuration values. */
function runtime(at: string): Record<string, AttrDef> {
  return {
    [`${at}.port`]: { description: 'TCP port the application listens on.', default: PORT_DEFAULT },
    [`${at}.start_command`]: { description: 'Command that starts the application, overriding the default.' },
    [`${at}.runtime_environment_variables`]: {
      description: 'Environment variables set for the application. Their values are treated as sensitive.',
    },
    // Values may be secrets, so they are redacted unless the configuration says otherwise.
    [`${at}.runtime_environment_variables.*`]: { description: 'Value of one variable.', sensitive: true },
    [`${at}.runtime_environment_secrets`]: {
      // These are ARNs of Secrets Manager secrets or SSM parameters, not the secrets themselves.
      description: 'Environment variables filled from Secrets Manager or SSM Parameter Store, by ARN.',
    },
  };
}

/** Metadata for every path under `source_configuration`. */
export const sourceAttributes: Record<string, AttrDef> = {
  [SRC]: {
    description: 'Where the service gets what it runs: exactly one of `code_repository` or `image_repository`.',
    schema: exactlyOneOf('code_repository', 'image_repository'),
  },
  [CODE]: { description: 'Build and run from a source code repository reached through a connection.' },
  [`${CODE}.repository_url`]: { description: 'URL of the repository.' },
  [`${CODE}.source_code_version`]: { description: 'The version of the code to deploy.' },
  [`${CODE}.source_code_version.type`]: { description: 'Kind of version reference.' },
  [`${CODE}.source_code_version.value`]: { description: 'The reference itself, e.g. a branch name.' },
  [`${CODE}.code_configuration`]: { description: 'How the code is built and started.' },
  [`${CODE}.code_configuration.configuration_source`]: {
    description: '`REPOSITORY` reads an apprunner.yaml from the repository; `API` uses the values given here.',
  },
  [VALUES]: {
    description: 'Build and start settings, used when `configuration_source` is `API`.',
    // With `REPOSITORY`, App Runner may report the values it read from the repository's file.
    computed: true,
  },
  [`${VALUES}.runtime`]: { description: 'The managed runtime that builds and runs the code.' },
  [`${VALUES}.build_command`]: { description: 'Command that builds the code.' },
  ...runtime(VALUES),
  [`${CODE}.source_directory`]: {
    description: 'Directory within the repository that holds the code; the repository root when omitted.',
  },
  [IMG]: { description: 'Run a container image from Amazon ECR or ECR Public.' },
  [`${IMG}.image_identifier`]: { description: 'The image, as repository URI with a tag or digest.' },
  [`${IMG}.image_configuration`]: {
    description: 'How the image is started.',
    // App Runner reports a port even when none was given, so the block exists after create.
    computed: true,
  },
  ...runtime(`${IMG}.image_configuration`),
  [`${IMG}.image_repository_type`]: { description: 'Whether the image is in private ECR or ECR Public.' },
  [`${SRC}.auto_deployments_enabled`]: {
    description: 'Deploy again on every push to the repository or image tag.',
    // The API's default depends on the source (off for ECR Public and cross-account images, on
    // otherwise), so the provider reports it rather than the schema guessing one value.
    computed: true,
  },
  [`${SRC}.authentication_configuration`]: { description: 'Credentials App Runner uses to fetch the source.' },
  [`${SRC}.authentication_configuration.connection_arn`]: {
    description: 'ARN of the connection to the code repository provider.',
  },
  [`${SRC}.authentication_configuration.access_role_arn`]: {
    description: 'ARN of the IAM role that lets App Runner pull from private ECR.',
  },
};
