import type { Argv, Options } from 'yargs';

/**
 * `--parallelism N`, for plan, apply, destroy and drift: a whole number of at least 1. Anything
 * else is refused as an argument error, before the state is locked. The option is read as text
 * so that the refusal quotes what was typed (yargs turns a non-number into NaN).
 */
export const parallelismOption: Options = {
  type: 'string',
  requiresArg: true,
  default: 32,
  describe: 'Concurrent provider calls (a whole number of at least 1)',
  coerce: parseParallelism,
};

/** The value of `--parallelism`: its default (a number) or the text given; throws when malformed. */
export function parseParallelism(v: unknown): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1) return v;
  const n = typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new Error(`--parallelism must be a whole number of at least 1, not "${String(v)}".`);
  }
  return n;
}

// The command-line options several commands share. Only yargs definitions live here, so that
// declaring the commands loads none of the engine.

/** The --workspace option. */
export interface WorkspaceArgs {
  workspace?: string;
}

/** Adds --workspace. */
export function workspaceOption<T>(y: Argv<T>): Argv<T & WorkspaceArgs> {
  return y.option('workspace', {
    type: 'string',
    requiresArg: true,
    describe: 'The workspace (default: RUNFORM_WORKSPACE, then `runform workspace select`, then "default")',
  }) as Argv<T & WorkspaceArgs>;
}

/** Adds --color (with its --no-color negation). */
export function colorOption<T>(y: Argv<T>): Argv<T & { color?: boolean }> {
  return y.option('color', {
    type: 'boolean',
    default: true,
    describe: 'Colour on a terminal (--no-color turns it off)',
  }) as Argv<T & { color?: boolean }>;
}

/** `--lock-timeout` as written on the command line. */
export interface LockTimeoutArgs {
  'lock-timeout'?: string;
}

/** Adds `--lock-timeout`. */
export function lockTimeoutOption<T>(y: Argv<T>): Argv<T & LockTimeoutArgs> {
  return y.option('lock-timeout', {
    type: 'string',
    requiresArg: true,
    default: '0s',
    describe: 'How long to wait for the state lock, e.g. 30s or 2m',
  }) as Argv<T & LockTimeoutArgs>;
}

/** Options plan and apply share. */
export interface PlanArgs extends WorkspaceArgs {
  dir?: string;
  var?: string[];
  'var-file'?: string[];
  target?: string[];
  exclude?: string[];
  replace?: string[];
  destroy?: boolean;
  'refresh-only'?: boolean;
  /** `true`, `false` or `changed` as written; `--no-refresh` gives false. */
  refresh?: string | boolean;
  parallelism?: number;
  color?: boolean;
  json?: boolean;
}

/** --var and --var-file, which every command that evaluates the configuration takes. */
export const variableOptions = {
  var: { type: 'string', array: true, nargs: 1, describe: 'Set a variable: NAME=VALUE (repeatable)' },
  'var-file': { type: 'string', array: true, nargs: 1, describe: 'Read variable values from a file (repeatable)' },
} as const;

/**
 * Adds the options plan and apply share. The repeatable options take `nargs: 1`, not
 * `requiresArg`: both refuse a missing value, but `requiresArg` lets an array option swallow the
 * folder that follows its value.
 */
export function planOptions<T>(y: Argv<T>): Argv<T & PlanArgs> {
  return colorOption(
    workspaceOption(y)
      .options(variableOptions)
      .option('target', {
        type: 'string',
        array: true,
        nargs: 1,
        describe: 'Plan only this resource and what it depends on (repeatable)',
      })
      .option('exclude', {
        type: 'string',
        array: true,
        nargs: 1,
        describe: 'Leave out this resource and what depends on it (repeatable)',
      })
      .option('replace', {
        type: 'string',
        array: true,
        nargs: 1,
        describe: 'Replace this instance even if nothing changed (repeatable)',
      })
      .option('destroy', { type: 'boolean', describe: 'Plan to destroy every managed resource' })
      .option('refresh-only', { type: 'boolean', describe: 'Only record changes made outside runform into the state' })
      .option('refresh', {
        type: 'string',
        default: 'true',
        describe:
          'Read the live resources first: true, false (same as --no-refresh), or changed (only what the configuration changed since the last apply, and what depends on it)',
      })
      .option('parallelism', parallelismOption),
  ).option('json', {
    type: 'boolean',
    describe: 'Print only JSON messages, one per line (the machine-readable UI)',
  }) as Argv<T & PlanArgs>;
}

/** Options of apply (and destroy, which is apply in destroy mode). */
export interface ApplyArgs extends PlanArgs, LockTimeoutArgs {
  source?: string;
  'auto-approve'?: boolean;
}

/** Adds `--lock-timeout` and `--auto-approve`, shared by apply and destroy. */
export function applyOptions<T>(y: Argv<T>): Argv<T & ApplyArgs> {
  return lockTimeoutOption(y).option('auto-approve', {
    type: 'boolean',
    describe: 'Apply without asking for confirmation',
  }) as Argv<T & ApplyArgs>;
}
