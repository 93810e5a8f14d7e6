import type { InstanceAddr } from '../addrs/index.js';
import type { InstanceObject, OutputValue, State } from './state.js';

/**
 * One finished change to the state, as the applier records it. Creating, updating, replacing,
 * tainting and recording a `pending` instance are all a `set-instance` with the new object.
 */
export type StateChange =
  | {
      readonly kind: 'set-instance';
      readonly addr: InstanceAddr;
      readonly provider: string;
      readonly instance: InstanceObject;
    }
  | { readonly kind: 'remove-instance'; readonly addr: InstanceAddr }
  /** A create-before-destroy replacement puts the current object aside before creating the new one. */
  | { readonly kind: 'depose-instance'; readonly addr: InstanceAddr; readonly deposed: string }
  /** The new object was never made: the deposed one becomes current again. */
  | { readonly kind: 'restore-deposed'; readonly addr: InstanceAddr; readonly deposed: string }
  /** A deposed object was deleted. */
  | { readonly kind: 'remove-deposed'; readonly addr: InstanceAddr; readonly deposed: string }
  | { readonly kind: 'set-output'; readonly name: string; readonly output: OutputValue }
  | { readonly kind: 'remove-output'; readonly name: string };

/** Closed set of change kinds. */
export type ChangeKind = StateChange['kind'];

type Appliers = { [K in ChangeKind]: (state: State, change: Extract<StateChange, { kind: K }>) => void };

const appliers: Appliers = {
  'set-instance': (s, c) => s.setInstance(c.addr, c.provider, c.instance),
  'remove-instance': (s, c) => void s.removeInstance(c.addr),
  'depose-instance': (s, c) => void s.depose(c.addr, c.deposed),
  'restore-deposed': (s, c) => void s.restoreDeposed(c.addr, c.deposed),
  'remove-deposed': (s, c) => void s.removeDeposed(c.addr, c.deposed),
  'set-output': (s, c) => void s.outputs.set(c.name, c.output),
  'remove-output': (s, c) => void s.outputs.delete(c.name),
};

/** Applies a change to a state in place. Every change is idempotent, so replaying one twice is harmless. */
export function applyChange(state: State, change: StateChange): void {
  (appliers[change.kind] as (s: State, c: StateChange) => void)(state, change);
}
