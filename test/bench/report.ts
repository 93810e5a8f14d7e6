import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured benchmark figure, with the target it must reach. */
export interface Figure {
  /** What was measured, e.g. "HCL parse throughput, 2 MB / 5,000 blocks". */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target as written in the issue, e.g. ">= 20 MB/s". */
  readonly target: string;
  /** A ratio measured in the same run (ours against a reference or a lower bound), when there is one. */
  readonly ratio?: { readonly value: number; readonly against: string };
  readonly met: boolean;
}

const resultsFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench-results.jsonl');

/** Prints a figure in one stable line and appends it to bench-results.jsonl for the README table. */
export function report(f: Figure): void {
  const ratio = f.ratio ? `, ratio ${f.ratio.value.toFixed(2)} against ${f.ratio.against}` : '';
  const line = `BENCH ${f.met ? 'MET ' : 'MISS'} ${f.name}: ${round(f.value)} ${f.unit} (target ${f.target}${ratio})`;
  process.stdout.write(`${line}\n`);
  mkdirSync(dirname(resultsFile), { recursive: true });
  appendFileSync(resultsFile, `${JSON.stringify({ ...f, at: new Date().toISOString() })}\n`);
}

function round(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3);
}
