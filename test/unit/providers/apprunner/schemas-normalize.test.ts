import { describe, expect, it } from 'vitest';
import { NORMALIZERS, normalizeCpu, normalizeMemory } from '../../../../providers/apprunner/schemas.js';

describe('cpu normaliser', () => {
  it.each([
    ['1 vCPU', '1024'],
    ['0.25 vCPU', '256'],
    ['4 vCPU', '4096'],
    ['1024', '1024'],
    ['2vcpu', '2048'],
  ])('treats %s as %s CPU units', (spelling, units) => {
    expect(normalizeCpu(spelling)).toBe(units);
  });

  it('makes the human and numeric spellings compare equal', () => {
    expect(normalizeCpu('1 vCPU')).toBe(normalizeCpu('1024'));
  });

  it('turns a number written without quotes into the numeric string', () => {
    expect(normalizeCpu(2048)).toBe('2048');
  });

  it('passes values it does not understand through unchanged, so validation can report them', () => {
    expect(normalizeCpu('lots')).toBe('lots');
    expect(normalizeCpu(null)).toBe(null);
  });
});

describe('memory normaliser', () => {
  it.each([
    ['2 GB', '2048'],
    ['0.5 GB', '512'],
    ['12 GB', '12288'],
    ['3072', '3072'],
  ])('treats %s as %s MB', (spelling, mb) => {
    expect(normalizeMemory(spelling)).toBe(mb);
  });

  it('does not take a CPU spelling for a memory size', () => {
    expect(normalizeMemory('2 vCPU')).toBe('2 vCPU');
  });
});

describe('NORMALIZERS', () => {
  it('offers the normalisers under the names the schemas use', () => {
    expect(NORMALIZERS.cpu).toBe(normalizeCpu);
    expect(NORMALIZERS.memory).toBe(normalizeMemory);
  });
});
