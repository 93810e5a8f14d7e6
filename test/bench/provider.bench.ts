// The App Runner provider against the local emulator with its realistic durations, scaled:
// the wall time of a 90-resource apply against its critical path, the API calls it makes against
// a fixed-schedule poller's, and a no-op plan of 1,000 services under a 100 requests/s throttle.
import { availableParallelism, loadavg } from 'node:os';
import { expect, it } from 'vitest';
import {
  nominalDurationMs,
  REALISTIC_DURATIONS_SECONDS,
  type RunningEmulator,
  startEmulator,
} from '../../providers/apprunner/emulator/index.js';
import { EngineStack, serviceHcl, summaries } from '../integration/provider/engine-stack.js';
import { report } from './report.js';

const TIME_SCALE = 60;
const SERVICES = 30;

/** 30 × (auto scaling configuration → service → custom domain). */
function estateHcl(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += `resource "apprunner_auto_scaling_configuration" "s${i}" {
  auto_scaling_configuration_name = "bench-${i}"
  max_concurrency                 = 50
  min_size                        = 1
  max_size                        = 5
}

${serviceHcl(`s${i}`, `bench-${i}`, `  auto_scaling_configuration_arn = apprunner_auto_scaling_configuration.s${i}.arn\n`)}
resource "apprunner_custom_domain" "s${i}" {
  service_arn = apprunner_service.s${i}.arn
  domain_name = "s${i}.bench.example.com"
}

`;
  }
  return out;
}

/** CPU seconds this process (engine, provider and emulator together) used since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

/** How busy the machine was: the figures are wall times, so a starved process shows up here. */
function machine(cpuS: number): string {
  return `${cpuS.toFixed(1)} CPU-s in this process; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
}

/**
 * Calls a fixed-schedule poller makes while waiting `seconds` for one resource: a describe at once,
 * then after 0.1 s, doubling each time, never more than 10 s apart, until one falls at or after the end.
 */
function doublingPolls(seconds: number, firstS = 0.1, capS = 10): number {
  let t = 0;
  let wait = firstS;
  let polls = 1;
  while (t < seconds) {
    t += wait;
    wait = Math.min(wait * 2, capS);
    polls++;
  }
  return polls;
}

it(`applies ${SERVICES} services with their auto scaling configurations and custom domains near the critical path, in few calls`, async () => {
  const em = await startEmulator({
    latency: 'realistic',
    timeScale: TIME_SCALE,
    jitter: 0,
    seed: 5,
    quotas: { services: SERVICES, autoScalingNames: SERVICES + 5 },
    recordCalls: true,
  });
  try {
    const stack = new EngineStack(em.url, TIME_SCALE);
    stack.write(estateHcl(SERVICES));
    const inputs = await stack.inputs();
    em.admin.resetStats();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const r = await stack.apply(inputs);
    const wallMs = performance.now() - started;
    const cpuS = cpuSeconds(cpu);
    if (r.diagnostics.length > 0 || !r.result?.ok) throw new Error(summaries(r.diagnostics));
    const stats = em.admin.stats();
    const resources = SERVICES * 3;
    expect(r.plan?.changes.filter((c) => c.action === 'create')).toHaveLength(resources);

    // The chain on every branch: the revision (synchronous), the service create, then the domain.
    const boundMs =
      nominalDurationMs('CreateService', { latency: 'realistic', timeScale: TIME_SCALE }) +
      nominalDurationMs('AssociateCustomDomain', { latency: 'realistic', timeScale: TIME_SCALE });
    const ratio = wallMs / boundMs;
    const where = phases(em, started, wallMs);
    report({
      name: `apply of ${resources} resources (${SERVICES} × auto scaling configuration → service → custom domain), realistic latency, time scale ${TIME_SCALE}, jitter 0; ${where}; ${machine(cpuS)}`,
      value: wallMs / 1000,
      unit: 's',
      target: '<= 1.10 × the critical path (create service 240 s + associate domain 60 s, scaled)',
      ratio: { value: ratio, against: `the critical path of ${(boundMs / 1000).toFixed(2)} s` },
      met: ratio <= 1.1,
    });

    // A fixed-schedule poller on the same (unscaled) timeline, counted generously: per branch only
    // the three create calls and one describe per poll while the service and the domain settle.
    const svcPolls = doublingPolls(REALISTIC_DURATIONS_SECONDS.CreateService);
    const domainPolls = doublingPolls(REALISTIC_DURATIONS_SECONDS.AssociateCustomDomain);
    const fixed = SERVICES * (3 + svcPolls + domainPolls);
    const perResource = stats.total / resources;
    report({
      name: `API calls of that apply, counted by the emulator (${JSON.stringify(stats.requests)})`,
      value: perResource,
      unit: 'calls/resource',
      target: '<= 4 per resource',
      ratio: {
        value: stats.total / fixed,
        against:
          `a fixed-schedule poller's ${fixed} calls (${(fixed / resources).toFixed(2)}/resource): DescribeService or ` +
          `DescribeCustomDomains every 0.1 s doubling to 10 s, ${svcPolls} polls per 240 s create and ` +
          `${domainPolls} per 60 s association, plus the three creates (no reads counted)`,
      },
      met: perResource <= 4,
    });
  } finally {
    await em.close();
  }
});

/**
 * Where the time beyond the critical path went, from the emulator's call journal: before the first
 * CreateService, between a service's end and its domain's association (the worst branch), and after
 * the last domain's end.
 */
function phases(em: RunningEmulator, startedPerf: number, wallMs: number): string {
  const calls = em.admin.calls();
  const startedAt = Date.now() - (performance.now() - startedPerf);
  const settings = { latency: 'realistic', timeScale: TIME_SCALE } as const;
  const create = nominalDurationMs('CreateService', settings);
  const associate = nominalDurationMs('AssociateCustomDomain', settings);
  const at = (op: string, key: string, value: string) =>
    calls.find((c) => c.operation === op && c.input[key] === value)?.at ?? Number.NaN;
  let firstCreate = Number.POSITIVE_INFINITY;
  let worstGap = 0;
  let lastEnd = 0;
  for (let i = 0; i < SERVICES; i++) {
    const created = at('CreateService', 'ServiceName', `bench-${i}`);
    const associated = at('AssociateCustomDomain', 'DomainName', `s${i}.bench.example.com`);
    firstCreate = Math.min(firstCreate, created);
    worstGap = Math.max(worstGap, associated - (created + create));
    lastEnd = Math.max(lastEnd, associated + associate);
  }
  const before = firstCreate - startedAt;
  const after = startedAt + wallMs - lastEnd;
  return `${before.toFixed(0)} ms before the first CreateService, at most ${worstGap.toFixed(0)} ms from a service's end to its domain's association, ${after.toFixed(0)} ms after the last domain's end`;
}

const PLAN_SERVICES = 1_000;
const THROTTLE_RPS = 100;

async function makeServices(em: RunningEmulator, stack: EngineStack): Promise<void> {
  let hcl = '';
  for (let i = 0; i < PLAN_SERVICES; i++) hcl += serviceHcl(`s${i}`, `plan-${i}`, '  tags = { team = "bench" }\n');
  stack.write(hcl);
  const r = await stack.apply();
  if (r.diagnostics.length > 0 || !r.result?.ok) throw new Error(summaries(r.diagnostics));
  expect(em.admin.stats().throttled).toBe(0);
}

it(`plans ${PLAN_SERVICES.toLocaleString('en')} unchanged services under a ${THROTTLE_RPS} requests/s throttle near the rate bound`, async () => {
  const em = await startEmulator({ latency: 'instant', seed: 6, quotas: { services: PLAN_SERVICES } });
  try {
    const stack = new EngineStack(em.url, 1);
    await makeServices(em, stack);
    const inputs = await stack.inputs();
    em.admin.configure({ throttleRps: THROTTLE_RPS });
    em.admin.resetStats();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const r = await stack.plan(inputs);
    const wallMs = performance.now() - started;
    const cpuS = cpuSeconds(cpu);
    const stats = em.admin.stats();
    if (r.diagnostics.length > 0) throw new Error(summaries(r.diagnostics));
    expect(r.plan?.changes).toHaveLength(PLAN_SERVICES);
    expect(r.plan?.changes.every((c) => c.action === 'no-op')).toBe(true);
    const boundMs = (PLAN_SERVICES / THROTTLE_RPS) * 1000;
    const ratio = wallMs / boundMs;
    report({
      name: `no-op plan of ${PLAN_SERVICES.toLocaleString('en')} services, emulator throttled at ${THROTTLE_RPS} requests/s (${stats.total} requests answered or refused, ${stats.throttled} refused and retried: ${JSON.stringify(stats.requests)}; ${machine(cpuS)})`,
      value: wallMs / 1000,
      unit: 's',
      target: `<= 1.15 × the rate bound (${PLAN_SERVICES.toLocaleString('en')} reads at ${THROTTLE_RPS}/s), no failed request`,
      ratio: { value: ratio, against: `the rate bound of ${(boundMs / 1000).toFixed(1)} s` },
      met: ratio <= 1.15,
    });
  } finally {
    await em.close();
  }
});
