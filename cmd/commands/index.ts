// The runform commands, one module per command. cli.ts registers every entry of this list.
import type { CommandModule } from 'yargs';
import { applyCommand } from './apply.js';
import { destroyCommand } from './destroy.js';
import { driftCommand } from './drift.js';
import { fmtCommand } from './fmt.js';
import { forceUnlockCommand } from './force-unlock.js';
import { graphCommand } from './graph.js';
import { importCommand } from './import.js';
import { localCommand } from './local.js';
import { outputCommand } from './output.js';
import { planCommand } from './plan.js';
import { showCommand } from './show.js';
import { stateCommand } from './state.js';
import { validateCommand } from './validate.js';
import { workspaceCommand } from './workspace.js';

/** Every command, in the order `runform --help` lists them. */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types.
export const commands: CommandModule<any, any>[] = [
  planCommand,
  applyCommand,
  destroyCommand,
  driftCommand,
  outputCommand,
  forceUnlockCommand,
  importCommand,
  stateCommand,
  workspaceCommand,
  graphCommand,
  showCommand,
  validateCommand,
  fmtCommand,
  localCommand,
];
