import { describe, expect, it } from 'vitest';
import { normalizeInstance, parseCpu, parseMemory } from '../../../../../providers/apprunner/emulator/instance.js';

describe('instance sizes', () => {
  it('reads both the unit and the numeric forms', () => {
    expect(parseCpu('0.25 vCPU')).toBe(256);
    expect(parseCpu('4096')).toBe(4096);
    expect(parseCpu('3 vCPU')).toBeUndefined();
    expect(parseMemory('0.5 GB')).toBe(512);
    expect(parseMemory('12 GB')).toBe(12288);
    expect(parseMemory('5 GB')).toBeUndefined();
  });

  it('answers numeric strings and merges a partial update onto the current size', () => {
    expect(normalizeInstance({ Cpu: '2 vCPU', Memory: '4 GB' })).toEqual({ Cpu: '2048', Memory: '4096' });
    expect(normalizeInstance(undefined)).toEqual({ Cpu: '1024', Memory: '2048' });
    expect(normalizeInstance({ Memory: '4 GB' }, { Cpu: '1024', Memory: '2048' })).toEqual({
      Cpu: '1024',
      Memory: '4096',
    });
  });

  it('refuses a pair outside the allowed table', () => {
    expect(() => normalizeInstance({ Cpu: '4 vCPU', Memory: '2 GB' })).toThrow(/can't be combined/);
  });
});
