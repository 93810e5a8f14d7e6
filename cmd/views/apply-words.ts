import type { ApplyEvent } from '../../engine/apply/index.js';

// The words progress lines and JSON messages use for a change in flight, shared so that the CI
// lines, the live view and `--json` describe an apply the same way.

/** Closed set of actions a running change is reported under (a replacement runs as a delete and a create). */
export type HookAction = 'create' | 'update' | 'delete' | 'read' | 'noop';

/** The reported action of an applier event: the destroy half of anything is a delete. */
export function hookAction(action: ApplyEvent['action']): HookAction {
  switch (action) {
    case 'destroy':
    case 'delete':
      return 'delete';
    case 'create':
    case 'replace':
      return 'create';
    case 'update':
      return 'update';
    case 'read':
      return 'read';
    case 'no-op':
      return 'noop';
  }
}

interface Words {
  readonly start: string;
  readonly still: string;
  readonly done: string;
  readonly failed: string;
}

const WORDS: Record<HookAction, Words> = {
  create: { start: 'Creating...', still: 'Still creating...', done: 'Creation complete', failed: 'Creation errored' },
  update: {
    start: 'Modifying...',
    still: 'Still modifying...',
    done: 'Modifications complete',
    failed: 'Modifications errored',
  },
  delete: {
    start: 'Destroying...',
    still: 'Still destroying...',
    done: 'Destruction complete',
    failed: 'Destruction errored',
  },
  read: { start: 'Reading...', still: 'Still reading...', done: 'Read complete', failed: 'Read errored' },
  noop: { start: 'Checking...', still: 'Still checking...', done: 'Check complete', failed: 'Check errored' },
};

/** The phrases for one action. */
export const wordsFor = (a: HookAction): Words => WORDS[a];

/** A duration as `4m12s`, `1h0m5s` or `0s` (whole seconds, rounded down). */
export function elapsedText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** ` [arn=…]` after a line, when the instance has an identifier to show. */
export const idSuffix = (id: { key: string; value: string } | undefined): string =>
  id ? ` [${id.key}=${id.value}]` : '';

/** How often a resource still in flight is reported: RUNFORM_PROGRESS_INTERVAL_MS, else every 10 seconds. */
export function progressIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.RUNFORM_PROGRESS_INTERVAL_MS);
  return Number.isFinite(n) && n > 0 ? n : 10_000;
}
