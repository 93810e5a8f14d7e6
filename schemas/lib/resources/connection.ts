// apprunner_connection: the link to a source code provider that code-based services pull from.
import { ARN, TAGS } from './common.js';
import { FIVE_MINUTES, type ResourceDef, timeouts } from './types.js';

/** Definition of apprunner_connection. */
export const connection: ResourceDef = {
  type: 'apprunner_connection',
  description:
    'A connection to a GitHub or Bitbucket account. After creation its handshake must be completed in the ' +
    'App Runner console before services can use it.',
  input: 'CreateConnectionRequest',
  members: ['ConnectionName', 'ProviderType', 'Tags'],
  attributes: {
    connection_name: {
      description: 'Name of the connection, unique in the account and region.',
      forcesReplacement: true,
    },
    provider_type: { description: 'The source code provider the connection reaches.', forcesReplacement: true },
    tags: TAGS,
  },
  computed: {
    arn: { ...ARN, from: 'Connection$ConnectionArn' },
    status: {
      description: 'Handshake status: `PENDING_HANDSHAKE` until completed, then `AVAILABLE`.',
      from: 'Connection$Status',
    },
  },
  timeouts: timeouts(FIVE_MINUTES),
};
