import { describe, expect, it } from 'vitest';
import { snakeCase } from '../../../schemas/lib/resources/naming.js';
import { literalAlternatives, unicodePattern } from '../../../schemas/lib/resources/patterns.js';

describe('snakeCase', () => {
  it.each([
    ['ServiceName', 'service_name'],
    ['EnableWWWSubdomain', 'enable_www_subdomain'],
    ['VpcIngressConnectionName', 'vpc_ingress_connection_name'],
    ['DNSTarget', 'dns_target'],
    ['KmsKey', 'kms_key'],
    ['Cpu', 'cpu'],
  ])('turns %s into %s', (api, snake) => {
    expect(snakeCase(api)).toBe(snake);
  });
});

describe('unicodePattern', () => {
  it('keeps a pattern that already compiles with the u flag', () => {
    expect(unicodePattern('^[A-Za-z0-9][A-Za-z0-9\\-_]{3,31}$')).toBe('^[A-Za-z0-9][A-Za-z0-9\\-_]{3,31}$');
  });

  it('removes escapes before punctuation that u mode rejects, keeping the meaning', () => {
    const fixed = unicodePattern('^@([\\w\\d\\:]+)$');
    expect(fixed).toBe('^@([\\w\\d:]+)$');
    expect(new RegExp(fixed!, 'u').test('@sha256:abc')).toBe(true);
  });

  it('drops patterns that accept everything', () => {
    expect(unicodePattern('.*')).toBeUndefined();
  });

  it('drops a pattern it cannot repair', () => {
    expect(unicodePattern('^(unbalanced$')).toBeUndefined();
  });
});

describe('literalAlternatives', () => {
  it('expands a top-level alternation of sizes with a grouped suffix into its values', () => {
    expect(literalAlternatives('^256|512|(0.25|1) vCPU$')).toEqual(['256', '512', '0.25 vCPU', '1 vCPU']);
  });

  it('leaves real regular expressions alone', () => {
    expect(literalAlternatives('^[0-9]{12}$')).toBeUndefined();
    expect(literalAlternatives('^(role|role\\/service-role)$')).toBeUndefined();
  });
});
