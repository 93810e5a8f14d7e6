import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// plan and apply run every check validate runs, before reading state or calling an API: a plan
// that passes review never fails at apply on something validate would have caught.

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

const cloudIds = (dir: string) =>
  Object.keys((JSON.parse(readFileSync(join(dir, 'cloud.json'), 'utf8')) as { resources: object }).resources);

describe('plan and apply validate the configuration first', () => {
  it('refuse an import block whose target is not declared, and delete nothing', () => {
    const victim = 'resource "test_thing" "victim" {\n  name = "victim"\n}\n';
    const dir = tempDir({ 'main.hcl': victim });
    const env = cliEnv(providerModule, join(dir, 'cloud.json'));
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    const [id] = cloudIds(dir);
    const state = readFileSync(join(dir, 'runform.state.json'), 'utf8');
    // A typo in `to`: without the check, the object would be imported as test_thing.typo and, having
    // no configuration, destroyed by the same apply.
    writeFileSync(join(dir, 'main.hcl'), `${victim}\nimport {\n  to = test_thing.typo\n  id = "${id}"\n}\n`);
    for (const args of [['validate'], ['plan'], ['apply', '--auto-approve']]) {
      const r = runCli(args, dir, env);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('Import target not declared');
      expect(r.stderr).toMatch(/main\.hcl:6:8/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    expect(cloudIds(dir)).toEqual([id]);
    expect(readFileSync(join(dir, 'runform.state.json'), 'utf8')).toBe(state);
  });

  it('refuse a provider alias that no provider block declares', () => {
    const dir = tempDir({ 'main.hcl': 'resource "test_thing" "a" {\n  name     = "a"\n  provider = test.nope\n}\n' });
    const env = cliEnv(providerModule, join(dir, 'cloud.json'));
    const r = runCli(['apply', '--auto-approve'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Reference to undefined provider');
    expect(r.stderr).toMatch(/main\.hcl:3:14/);
    expect(() => cloudIds(dir)).toThrow();
  });

  it('refuse a value the App Runner API would reject, at its line and column, before any API call', () => {
    const dir = tempDir({
      'main.hcl': `provider "apprunner" {
  region   = "eu-west-1"
  endpoint = "http://127.0.0.1:9"
}
resource "apprunner_service" "web" {
  service_name = "web"
  source_configuration {
    image_repository {
      image_identifier      = "public.ecr.aws/nginx/nginx:latest"
      image_repository_type = "ECR_PUBLIC"
    }
  }
  instance_configuration {
    cpu = "3 vCPU"
  }
}
`,
    });
    const env = { ...process.env, NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
    const validate = runCli(['validate'], dir, env);
    expect(validate.status).toBe(1);
    const plan = runCli(['plan'], dir, env);
    expect(plan.status).toBe(1);
    expect(plan.stderr).toMatch(/main\.hcl:14:11/);
    // The same finding as validate, and no attempt to reach the (closed) endpoint.
    expect(plan.stderr.split('\n')[0]).toBe(validate.stderr.split('\n')[0]);
    expect(plan.stderr).not.toMatch(/ECONNREFUSED|connect/);
  });

  it('check values that come from variables once they are known, at the line that uses them', () => {
    const dir = tempDir({
      'main.hcl': `provider "apprunner" {
  region   = "eu-west-1"
  endpoint = "http://127.0.0.1:9"
}
variable "name" {
  type    = string
  default = "bad name!"
}
variable "cpu" {
  type    = string
  default = "3 vCPU"
}
resource "apprunner_service" "web" {
  service_name = var.name
  source_configuration {
    image_repository {
      image_identifier      = "public.ecr.aws/nginx/nginx:latest"
      image_repository_type = "ECR_PUBLIC"
    }
  }
  instance_configuration {
    cpu = var.cpu
  }
}
`,
    });
    const env = { ...process.env, NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
    // validate cannot know them; plan can, and stops before any API call.
    expect(runCli(['validate'], dir, env).status).toBe(0);
    const plan = runCli(['plan'], dir, env);
    expect(plan.status).toBe(1);
    expect(plan.stderr).toMatch(/main\.hcl:14:18: error: Invalid value for "service_name"/);
    expect(plan.stderr).toMatch(/main\.hcl:22:11: error: Invalid value for "instance_configuration\.cpu"/);
    expect(plan.stderr).not.toMatch(/ECONNREFUSED|connect/);
    expect(plan.stderr).not.toMatch(/^\s+at /m);
  });
});
