// Instance sizes: Cpu and Memory accept "1 vCPU"/"2 GB" or "1024"/"2048", must form an allowed pair,
// and are always answered in the numeric form.
import { fail } from './errors.js';
import { str } from './input.js';
import type { JsonObject } from './json.js';

const CPU_UNITS: Readonly<Record<string, number>> = { '0.25': 256, '0.5': 512, '1': 1024, '2': 2048, '4': 4096 };

/** Allowed memory sizes (MB) for each CPU size (units of 1/1024 vCPU). */
export const ALLOWED_PAIRS: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024],
  512: [1024],
  1024: [2048, 3072, 4096],
  2048: [4096, 6144],
  4096: [8192, 10240, 12288],
};

/** Parses a Cpu value into CPU units, or undefined when it is not a known size. */
export function parseCpu(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) vCPU$/.exec(v);
  const units = m ? CPU_UNITS[m[1]] : /^\d+$/.test(v) ? Number(v) : undefined;
  return units !== undefined && units in ALLOWED_PAIRS ? units : undefined;
}

/** Parses a Memory value into megabytes, or undefined when it is not a known size. */
export function parseMemory(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) GB$/.exec(v);
  const mb = m ? Number(m[1]) * 1024 : /^\d+$/.test(v) ? Number(v) : undefined;
  const known = new Set(Object.values(ALLOWED_PAIRS).flat());
  return mb !== undefined && known.has(mb) ? mb : undefined;
}

/** Merges an InstanceConfiguration onto the current one and checks the Cpu/Memory pair. */
export function normalizeInstance(input: JsonObject | undefined, current?: JsonObject): JsonObject {
  const cpuText = str(input, 'Cpu') ?? str(current, 'Cpu') ?? '1024';
  const memText = str(input, 'Memory') ?? str(current, 'Memory') ?? '2048';
  const cpu = parseCpu(cpuText);
  if (cpu === undefined) throw fail.invalid(`InstanceConfiguration.Cpu ${cpuText} is not a supported size.`);
  const mem = parseMemory(memText);
  if (mem === undefined) throw fail.invalid(`InstanceConfiguration.Memory ${memText} is not a supported size.`);
  if (!ALLOWED_PAIRS[cpu].includes(mem)) {
    throw fail.invalid(`InstanceConfiguration: Cpu ${cpuText} can't be combined with Memory ${memText}.`);
  }
  const role = input && 'InstanceRoleArn' in input ? str(input, 'InstanceRoleArn') : str(current, 'InstanceRoleArn');
  const out: JsonObject = { Cpu: String(cpu), Memory: String(mem) };
  if (role !== undefined) out.InstanceRoleArn = role;
  return out;
}
