/** One conformance snippet: a whole file, and whether HashiCorp's HCL accepts it. */
export interface Case {
  readonly name: string;
  readonly src: string;
  readonly valid: boolean;
}

/** Shorthand for an accepted snippet. */
export const ok = (name: string, src: string): Case => ({ name, src, valid: true });

/** Shorthand for a rejected snippet. */
export const bad = (name: string, src: string): Case => ({ name, src, valid: false });
