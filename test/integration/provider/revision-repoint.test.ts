import { DescribeAutoScalingConfigurationCommand, DescribeServiceCommand } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { EngineStack, emulatorForFile, serviceHcl, summaries } from './engine-stack.js';

// Auto scaling revisions are immutable, and App Runner refuses to delete one a service still uses.
// A changed revision must therefore be created first, the services repointed to it, and only then
// the old one deleted. Checked through the real engine apply, by the order of the emulator's calls.

function config(maxSize: number): string {
  return `resource "apprunner_auto_scaling_configuration" "scale" {
  auto_scaling_configuration_name = "repoint"
  max_size                        = ${maxSize}
}

${serviceHcl('a', 'repoint-a', '  auto_scaling_configuration_arn = apprunner_auto_scaling_configuration.scale.arn\n')}
${serviceHcl('b', 'repoint-b', '  auto_scaling_configuration_arn = apprunner_auto_scaling_configuration.scale.arn\n')}`;
}

const h = emulatorForFile({ latency: 'fast', seed: 8, recordCalls: true });

describe('changing an auto scaling configuration that services use', () => {
  it('creates the new revision, repoints every service to it, and only then deletes the old one', async () => {
    const stack = new EngineStack(h.em.url, 1000);
    stack.write(config(5));
    const first = await stack.apply();
    expect(summaries(first.diagnostics)).toBe('');

    stack.write(config(6));
    h.em.admin.resetStats();
    const second = await stack.apply();
    expect(summaries(second.diagnostics)).toBe('');
    const byAddr = new Map(second.plan?.changes.map((c) => [c.address, c]));
    const asc = byAddr.get('apprunner_auto_scaling_configuration.scale');
    expect(asc?.action).toBe('replace');
    expect(asc?.action === 'replace' && asc.createBeforeDestroy).toBe(true);
    expect(byAddr.get('apprunner_service.a')?.action).toBe('update');
    expect(byAddr.get('apprunner_service.b')?.action).toBe('update');
    const oldArn = asc && 'before' in asc ? String(asc.before.value.arn) : '';

    const calls = h.em.admin.calls();
    // No call was refused: in particular App Runner never had to refuse deleting a revision in use.
    expect(calls.filter((c) => c.error)).toEqual([]);
    const created = calls.findIndex((c) => c.operation === 'CreateAutoScalingConfiguration');
    const updates = calls
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.operation === 'UpdateService')
      .map(({ c, i }) => ({ i, to: c.input.AutoScalingConfigurationArn }));
    const deleted = calls.findIndex(
      (c) => c.operation === 'DeleteAutoScalingConfiguration' && c.input.AutoScalingConfigurationArn === oldArn,
    );
    expect(created).toBeGreaterThanOrEqual(0);
    expect(updates).toHaveLength(2);
    expect(deleted).toBeGreaterThan(0);
    const newArn = String(updates[0].to);
    expect(newArn).toMatch(/autoscalingconfiguration\/repoint\/2\//);
    for (const u of updates) {
      expect(u.to).toBe(newArn);
      expect(u.i).toBeGreaterThan(created);
      expect(u.i).toBeLessThan(deleted);
    }
    // Every repointing update had finished before the delete: the services were RUNNING on the new
    // revision (the operations' end is on the emulated clock, like the journal's times).
    const deleteAt = calls[deleted].at;
    for (const name of ['repoint-a', 'repoint-b']) {
      const arn = String(
        calls.find((c) => c.operation === 'UpdateService' && String(c.input.ServiceArn).includes(`/${name}/`))?.input
          .ServiceArn,
      );
      const svc = (await h.sdk.send(new DescribeServiceCommand({ ServiceArn: arn }))).Service;
      expect(svc?.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn).toBe(newArn);
      expect(svc?.Status).toBe('RUNNING');
      expect(svc?.UpdatedAt?.getTime()).toBeLessThanOrEqual(deleteAt);
    }
    const old = await h.sdk.send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: oldArn }));
    expect(old.AutoScalingConfiguration?.Status).toBe('INACTIVE');
  });
});
