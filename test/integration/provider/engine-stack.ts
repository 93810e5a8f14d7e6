// A configuration folder planned and applied through the real engine, in this process, with the App
// Runner provider talking HTTP to a local emulator: shared by engine-level provider tests and benchmarks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll } from 'vitest';
import { runApply, runPlan } from '../../../engine/apply/index.js';
import { loadModule, resolveVariables } from '../../../engine/config/index.js';
import type { Diagnostic } from '../../../engine/diag/index.js';
import type { PlanOptions } from '../../../engine/plan/index.js';
import { LocalBackend } from '../../../engine/state/index.js';
import {
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '../../../providers/apprunner/emulator/index.js';
import { createProvider } from '../../../providers/apprunner/index.js';
import type { ConfiguredProvider } from '../../../providers/provider.js';

/** The region every benchmark uses. */
export const REGION = 'eu-west-1';

/**
 * An emulator, and an SDK client on it for checking what App Runner holds, started before a test
 * file's tests and closed after them. Read its fields inside tests (they are set in beforeAll).
 */
export function emulatorForFile(options: EmulatorOptions): {
  readonly em: RunningEmulator;
  readonly sdk: AppRunnerClient;
} {
  const held = {} as { em: RunningEmulator; sdk: AppRunnerClient };
  beforeAll(async () => {
    held.em = await startEmulator(options);
    held.sdk = new AppRunnerClient({
      endpoint: held.em.url,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(async () => {
    held.sdk?.destroy();
    await held.em?.close();
  });
  return held;
}

/** A configuration folder with its own local state, wired to one emulator. */
export class EngineStack {
  readonly dir: string;
  readonly backend: LocalBackend;

  constructor(
    readonly endpoint: string,
    readonly waitScale: number,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'runform-provider-'));
    this.backend = new LocalBackend({ dir: this.dir });
  }

  /** Replaces the configuration (a provider block pointing at the emulator comes first). */
  write(resources: string): void {
    const provider = `provider "apprunner" {\n  region   = "${REGION}"\n  endpoint = "${this.endpoint}"\n}\n\n`;
    writeFileSync(join(this.dir, 'main.hcl'), provider + resources);
  }

  /** Loads the folder and configures a fresh provider, as the CLI does at the start of a command. */
  async inputs() {
    const loaded = loadModule(this.dir);
    if (loaded.diagnostics.length > 0) throw new Error(summaries(loaded.diagnostics));
    const vars = resolveVariables(loaded.module, {});
    const provider = await createProvider({
      waitScale: this.waitScale,
      client: { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    }).configure({ values: { region: REGION, endpoint: this.endpoint } }, new AbortController().signal);
    return {
      module: loaded.module,
      variables: vars.values,
      backend: this.backend,
      providers: new Map<string, ConfiguredProvider>([['apprunner', provider]]),
      provider,
    };
  }

  /** Plans and applies; the provider is closed afterwards. */
  async apply(inputs?: Awaited<ReturnType<EngineStack['inputs']>>, options: PlanOptions = {}) {
    const i = inputs ?? (await this.inputs());
    try {
      return await runApply({ ...i, options });
    } finally {
      await i.provider.close();
    }
  }

  /** Refreshes and plans; the provider is closed afterwards. */
  async plan(inputs?: Awaited<ReturnType<EngineStack['inputs']>>, options: PlanOptions = {}) {
    const i = inputs ?? (await this.inputs());
    try {
      return await runPlan({ ...i, options });
    } finally {
      await i.provider.close();
    }
  }
}

/** Diagnostics on one line each, for failing a benchmark loudly. */
export function summaries(diags: readonly Diagnostic[]): string {
  return diags.map((d) => `${d.severity} ${d.address ?? ''} ${d.summary}: ${d.detail ?? ''}`).join('\n');
}

/**
 * An image service, named `name`, with extra HCL lines inside its block and, in `image`, inside its
 * image_configuration block.
 */
export function serviceHcl(label: string, name: string, extra = '', image = ''): string {
  return `resource "apprunner_service" "${label}" {
  service_name = "${name}"
  source_configuration {
    auto_deployments_enabled = false
    image_repository {
      image_identifier      = "public.ecr.aws/nginx/nginx:latest"
      image_repository_type = "ECR_PUBLIC"
      image_configuration {
        port = "80"
${image}      }
    }
  }
${extra}}
`;
}

/** A service that App Runner builds from a GitHub repository through `connectionArn` (an HCL expression). */
export function codeServiceHcl(label: string, name: string, connectionArn: string): string {
  return `resource "apprunner_service" "${label}" {
  service_name = "${name}"
  source_configuration {
    auto_deployments_enabled = false
    authentication_configuration {
      connection_arn = ${connectionArn}
    }
    code_repository {
      repository_url = "https://github.com/example-org/hello-app"
      source_code_version {
        type  = "BRANCH"
        value = "main"
      }
      code_configuration {
        configuration_source = "REPOSITORY"
      }
    }
  }
}
`;
}
