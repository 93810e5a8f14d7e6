import { bodyCases } from './body.cases.js';
import type { Case } from './case.js';
import { expressionCases } from './expressions.cases.js';
import { lexicalCases } from './lexical.cases.js';
import { stringCases } from './strings.cases.js';

/** Every conformance snippet, by topic. */
export const suites: Record<string, readonly Case[]> = {
  body: bodyCases,
  lexical: lexicalCases,
  strings: stringCases,
  expressions: expressionCases,
};

/** The sources of every snippet HashiCorp's HCL accepts. */
export const validSnippets: readonly string[] = Object.values(suites)
  .flat()
  .filter((c) => c.valid)
  .map((c) => c.src);
