import type { Change, Drift, Plan, PlannedValue } from '../../../../engine/plan/index.js';

// Plans written out by hand for the view tests: every action, unknown and sensitive values, a
// multi-line string, a forced replacement, drift, and dependencies between the changing resources.

/** Secret values the fixtures hold: no view may print them. */
export const SECRETS = ['s3cret-before', 's3cret-after', 's3cret-drift'];

const pv = (value: PlannedValue['value'], extra: Partial<PlannedValue> = {}): PlannedValue => ({
  value,
  unknownPaths: [],
  sensitivePaths: [],
  ...extra,
});
const ENV = ['source_configuration', 'image_repository', 'image_configuration', 'runtime_environment_variables'];

const serviceBefore = pv(
  {
    service_name: 'web',
    arn: 'arn:aws:apprunner:eu-west-1:123456789012:service/web/1',
    source_configuration: {
      image_repository: {
        image_identifier: 'public.ecr.aws/nginx/nginx:1.25',
        image_configuration: { port: '80', runtime_environment_variables: { API_KEY: 's3cret-before', MODE: 'demo' } },
      },
    },
    tags: { app: 'shop', owner: 'platform' },
  },
  { sensitivePaths: [[...ENV, 'API_KEY']] },
);

const serviceAfter = pv(
  {
    ...serviceBefore.value,
    source_configuration: {
      image_repository: {
        image_identifier: 'public.ecr.aws/nginx/nginx:1.27',
        image_configuration: { port: '80', runtime_environment_variables: { API_KEY: 's3cret-after', MODE: 'demo' } },
      },
    },
    tags: { app: 'shop', owner: 'platform', team: 'web' },
  },
  { sensitivePaths: [[...ENV, 'API_KEY']] },
);

const changes: Change[] = [
  {
    action: 'create',
    address: 'apprunner_auto_scaling_configuration.web',
    type: 'apprunner_auto_scaling_configuration',
    provider: 'apprunner',
    dependencies: [],
    after: pv({ auto_scaling_configuration_name: 'web', max_size: 4, arn: null }, { unknownPaths: [['arn']] }),
  },
  {
    action: 'update',
    address: 'apprunner_service.web',
    type: 'apprunner_service',
    provider: 'apprunner',
    dependencies: ['apprunner_auto_scaling_configuration.web'],
    before: serviceBefore,
    after: serviceAfter,
  },
  {
    action: 'replace',
    address: 'apprunner_custom_domain.web',
    type: 'apprunner_custom_domain',
    provider: 'apprunner',
    dependencies: ['apprunner_service.web'],
    before: pv({ domain_name: 'shop.example.com', dns_target: 'abc.eu-west-1.awsapprunner.com' }),
    after: pv({ domain_name: 'www.example.com', dns_target: null }, { unknownPaths: [['dns_target']] }),
    reason: 'replace_because_cannot_update',
    replacePaths: [['domain_name']],
    createBeforeDestroy: false,
  },
  {
    action: 'update',
    address: 'apprunner_observability_configuration.traces["eu"]',
    type: 'apprunner_observability_configuration',
    provider: 'apprunner',
    dependencies: [],
    before: pv({ name: 'traces', notes: 'line one\nline two\nline three' }),
    after: pv({ name: 'traces', notes: 'line one\nline 2\nline three' }),
  },
  {
    action: 'delete',
    address: 'apprunner_vpc_connector.old[0]',
    type: 'apprunner_vpc_connector',
    provider: 'apprunner',
    dependencies: [],
    before: pv({ vpc_connector_name: 'old', subnets: ['subnet-1', 'subnet-2'] }),
    reason: 'delete_because_no_resource_config',
  },
  {
    action: 'no-op',
    address: 'apprunner_connection.github',
    type: 'apprunner_connection',
    provider: 'apprunner',
    dependencies: [],
    before: pv({ connection_name: 'github' }),
  },
];

/** Drift found on refresh: a tag and a secret changed, and a connection deleted, outside runform. */
export const drift: Drift[] = [
  {
    address: 'apprunner_service.web',
    type: 'apprunner_service',
    provider: 'apprunner',
    before: serviceBefore,
    after: pv(
      {
        ...serviceBefore.value,
        source_configuration: {
          image_repository: {
            image_identifier: 'public.ecr.aws/nginx/nginx:1.25',
            image_configuration: {
              port: '80',
              runtime_environment_variables: { API_KEY: 's3cret-drift', MODE: 'demo' },
            },
          },
        },
        tags: { app: 'shop', owner: 'someone-else' },
      },
      { sensitivePaths: [[...ENV, 'API_KEY']] },
    ),
  },
  {
    address: 'apprunner_connection.gitlab',
    type: 'apprunner_connection',
    provider: 'apprunner',
    before: pv({ connection_name: 'gitlab' }),
  },
];

/** A plan with one change of every kind, drift, and dependencies. */
export const mixedPlan: Plan = {
  mode: 'normal',
  changes,
  drift,
  moved: [{ from: 'apprunner_service.old', to: 'apprunner_service.web' }],
  imports: [],
  data: {},
  outputs: {},
  prior: { lineage: '00000000-0000-4000-8000-000000000000', serial: 7 },
  targets: [],
  excludes: [],
};

/** A plan with nothing to do. */
export const emptyPlan: Plan = { ...mixedPlan, changes: [changes[5]], drift: [], moved: [] };

/** A plan creating `n` services, each with a long value, for the size limit. */
export function hugePlan(n: number): Plan {
  const many: Change[] = Array.from({ length: n }, (_, i) => ({
    action: 'create',
    address: `apprunner_service.s${i}`,
    type: 'apprunner_service',
    provider: 'apprunner',
    dependencies: i > 0 ? [`apprunner_service.s${i - 1}`] : [],
    after: pv({ service_name: `s${i}`, description: 'x'.repeat(400) }),
  }));
  const doomed: Change = { ...changes[4], address: 'apprunner_vpc_connector.doomed' } as Change;
  return { ...mixedPlan, changes: [...many, doomed], drift: [], moved: [] };
}
