import { describe, expect, it } from 'vitest';
import { LIMIT, renderDriftMarkdown, renderPlanMarkdown } from '../../../../cmd/views/markdown.js';
import { renderPlanText } from '../../../../cmd/views/plan-text.js';
import { driftReport } from '../../../../engine/drift/index.js';
import { expectGolden } from '../../../golden/golden.js';
import { drift, emptyPlan, hugePlan, mixedPlan, SECRETS } from './fixtures.js';

const driftInput = () => {
  const unapplied = mixedPlan.changes.filter((c) => c.address === 'apprunner_custom_domain.web');
  return { report: driftReport(drift, unapplied, 6, 12), drift, unapplied, plan: mixedPlan };
};

describe('plan and drift markdown (golden files; UPDATE_GOLDEN=1 rewrites them)', () => {
  it('renders a plan with every action: summary, warning, drift apart, one diff per resource, the graph', () => {
    const md = renderPlanMarkdown(mixedPlan);
    expectGolden('markdown/plan-mixed.md', md);
    expect(md.split('\n')[0]).toBe(
      '**Plan:** 1 to add, 2 to change, 1 to replace, 1 to destroy. 2 resources changed outside runform.',
    );
    expect(md.indexOf('> [!WARNING]')).toBeLessThan(md.indexOf('### Changed outside runform'));
    expect(md.indexOf('### Changed outside runform')).toBeLessThan(md.indexOf('### Planned changes'));
    expect(md.match(/<details>/g)).toHaveLength(7);
    expect(md).toContain('  n1 --> n2');
  });

  it('renders a plan with nothing to do as one line and no warning', () => {
    const md = renderPlanMarkdown(emptyPlan);
    expectGolden('markdown/plan-empty.md', md);
    expect(md).not.toContain('[!WARNING]');
  });

  it('renders a drift report: drift per resource, then the configuration not applied, then the graph', () => {
    const md = renderDriftMarkdown(driftInput());
    expectGolden('markdown/drift.md', md);
    expect(md.split('\n')[0]).toBe(
      '**Drift:** 2 of 6 resources changed outside runform (1 updated, 1 deleted). 1 configuration change not applied yet.',
    );
  });

  it('the text view walks the same attributes (golden)', () => {
    expectGolden('markdown/plan-mixed.txt', renderPlanText(mixedPlan, false));
  });

  it('never shows a sensitive value, in any view', () => {
    for (const out of [
      renderPlanMarkdown(mixedPlan),
      renderDriftMarkdown(driftInput()),
      renderPlanText(mixedPlan, false),
    ]) {
      for (const s of SECRETS) expect(out).not.toContain(s);
      expect(out).toContain('(sensitive value)');
    }
  });

  it(`cuts the details past ${LIMIT} characters, keeping the summary, the warning and every resource's line`, () => {
    const plan = hugePlan(400);
    const md = renderPlanMarkdown(plan);
    expect(md.length).toBeLessThanOrEqual(LIMIT);
    expect(md.split('\n')[0]).toBe('**Plan:** 400 to add, 0 to change, 0 to replace, 1 to destroy.');
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('Details were cut to keep this under 65,000 characters');
    const full = (md.match(/<details>/g) ?? []).length;
    expect(full).toBeGreaterThan(0);
    expect(full).toBeLessThan(401);
    // Every resource is still named, in a details section or in a one-line entry.
    for (const c of plan.changes) expect(md).toContain(`<code>${c.address}</code>`);
    expect(md).not.toContain('```mermaid');
    // Under the limit, nothing is cut.
    expect(renderPlanMarkdown(hugePlan(5))).not.toContain('Details were cut');
  });

  it('cuts a drift report the same way, keeping its summary and naming every drifted resource', () => {
    const input = driftInput();
    const whole = renderDriftMarkdown(input);
    const limit = Math.floor(whole.length / 2);
    const md = renderDriftMarkdown(input, limit);
    expect(md.length).toBeLessThanOrEqual(limit);
    expect(md.split('\n')[0]).toBe(whole.split('\n')[0]);
    expect(md).toContain('Details were cut to keep this under');
    for (const r of input.report.resources) expect(md).toContain(`<code>${r.address}</code>`);
    expect(whole).not.toContain('Details were cut');
  });

  it('keeps a diff fence closed whatever backticks a value holds', () => {
    const plan = hugePlan(1);
    const c = plan.changes[0];
    const odd = { ...c, after: { ...('after' in c ? c.after : mixedPlan.changes[0]), value: { note: 'a ``` b' } } };
    const md = renderPlanMarkdown({ ...plan, changes: [odd as typeof c] });
    expect(md).toContain('````diff');
  });
});
