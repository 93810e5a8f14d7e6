// yargs goes on to run a command's handler after it has reported a bad command line (a missing
// argument, an unknown option). The parser records the refusal here, and every handler, nested
// subcommands' included, is wrapped so that a refused command line runs nothing.

let refused = false;

/** Called by the parser: true once it has reported a bad command line, false for a new parse. */
export function setRefused(value: boolean): void {
  refused = value;
}

/** `handler`, made to do nothing when the command line was refused. */
export function unlessRefused<A>(handler: (args: A) => void | Promise<void>): (args: A) => void | Promise<void> {
  return (args) => (refused ? undefined : handler(args));
}
