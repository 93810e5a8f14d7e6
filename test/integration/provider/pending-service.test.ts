import { ListServicesCommand } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { runApply } from '../../../engine/apply/index.js';
import { readState } from '../../../engine/state/index.js';
import { EngineStack, emulatorForFile, serviceHcl, summaries } from './engine-stack.js';

// A service whose create was cut off after App Runner accepted it: the pending record holds only
// the service's name (all that finding it again takes, not its whole configuration), and the next
// apply finds the service by that name and adopts it instead of creating a second one. Through the
// real engine, the real SDK and the local App Runner.

const h = emulatorForFile({ latency: 'realistic', seed: 5 });

describe('a service create cut off in flight', () => {
  it('is recorded as pending by its name alone, and adopted by the next apply without a second create', async () => {
    const stack = new EngineStack(h.em.url, 100);
    // A sensitive variable in a tag, and an environment variable (sensitive by the schema).
    stack.write(
      `variable "owner" {\n  default   = "ops-team"\n  sensitive = true\n}\n\n${serviceHcl(
        'web',
        'cut-off',
        '  tags = {\n    team  = "web"\n    owner = var.owner\n  }\n',
        '        runtime_environment_variables = {\n          MODE = "prod"\n        }\n',
      )}`,
    );
    const abort = new AbortController();
    const inputs = await stack.inputs();
    try {
      const r = await runApply({
        ...inputs,
        abort: abort.signal,
        // The provider reports the operation App Runner started: the create was accepted.
        onEvent: (e) => e.kind === 'progress' && e.address === 'apprunner_service.web' && abort.abort(),
      });
      expect(r.result?.ok).toBe(false);
    } finally {
      await inputs.provider.close();
    }
    const pending = (await readState(stack.backend)).instance('apprunner_service.web' as never);
    expect(pending?.status).toBe('pending');
    expect(pending?.identity).toEqual({ service_name: 'cut-off' });
    expect(pending?.attributes).toEqual({ service_name: 'cut-off' });

    const again = await stack.apply();
    expect(summaries(again.diagnostics)).toBe('');
    const listed = await h.sdk.send(new ListServicesCommand({}));
    expect(listed.ServiceSummaryList?.filter((s) => s.ServiceName === 'cut-off')).toHaveLength(1);
    const adopted = (await readState(stack.backend)).instance('apprunner_service.web' as never);
    expect(adopted?.status).toBeUndefined();
    expect(adopted?.attributes.tags).toEqual({ team: 'web', owner: 'ops-team' });
    // What was sensitive stays sensitive once adopted: the tag from the configuration, the
    // environment variable from the schema.
    const paths = adopted?.sensitivePaths.map((p) => p.join('.')) ?? [];
    expect(paths).toContain('tags.owner');
    expect(paths.some((p) => p.includes('runtime_environment_variables'))).toBe(true);
    expect((await stack.plan()).plan?.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
  }, 60_000);
});
