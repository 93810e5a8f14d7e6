import type { JournalContents } from './backend.js';
import { applyChange } from './change.js';
import { StateError } from './errors.js';
import { decodeStateFile, encodeStateBytes } from './file/index.js';
import type { State } from './state.js';

/** What replaying a leftover journal did: nothing to do, changes applied, or a journal already compacted. */
export type ReplayOutcome = 'empty' | 'replayed' | 'already-compacted';

/**
 * Applies a journal left by an earlier run to the state it belongs to, in place. A journal bound
 * to another lineage or serial is refused (StateError 'foreign-journal'), the state untouched.
 * `exists` is false when no state was stored yet: a first run's journal then supplies the lineage.
 */
export function replayJournal(
  state: State,
  exists: boolean,
  journal: JournalContents,
  where: { state: string; journal: string },
): ReplayOutcome {
  const entries = journal.entries;
  if (entries.length === 0) return 'empty';
  const { lineage, base } = entries[0]!;
  entries.forEach((e, i) => {
    if (e.lineage !== lineage || e.base !== base || e.seq !== i + 1) {
      throw new StateError(
        'corrupt',
        `${where.journal} line ${i + 1}: expected change ${i + 1} of lineage ${lineage} at serial ${base}, ` +
          `found change ${e.seq} of lineage ${e.lineage} at serial ${e.base}. It was not replayed.`,
      );
    }
  });
  if (!exists && base === 0) state.lineage = lineage;
  if (lineage === state.lineage && base === state.serial) {
    for (const e of entries) applyChange(state, e.change);
    return 'replayed';
  }
  // A crash between writing the compacted state and removing the journal leaves a journal one
  // serial behind. Changes are idempotent: if replaying them changes nothing, they are already in.
  if (lineage === state.lineage && base === state.serial - 1) {
    const before = encodeStateBytes(state);
    const copy = decodeStateFile(before.toString('utf8'), where.state);
    for (const e of entries) applyChange(copy, e.change);
    if (encodeStateBytes(copy).equals(before)) return 'already-compacted';
  }
  throw new StateError(
    'foreign-journal',
    `${where.journal} holds changes for state lineage ${lineage} at serial ${base}, but ${where.state} ` +
      `${exists ? `has lineage ${state.lineage} at serial ${state.serial}` : 'does not exist'}. ` +
      'It was not replayed and nothing was changed. If the journal was left over from another state, move it aside.',
  );
}
