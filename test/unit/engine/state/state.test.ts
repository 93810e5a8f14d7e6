import { describe, expect, it } from 'vitest';
import type { InstanceAddr, ResourceAddr } from '../../../../engine/addrs/index.js';
import { applyChange, providerAddr, State } from '../../../../engine/state/index.js';
import { createService, serviceAddr, serviceInstance } from '../../../integration/state/fixtures.js';

const obj = { attributes: { id: 'x' }, sensitivePaths: [], dependencies: [] };

describe('State', () => {
  it('finds, replaces and removes instances by address, dropping a resource with its last instance', () => {
    const s = new State('L');
    const a0 = 'svc.web[0]' as InstanceAddr;
    const a1 = 'svc.web[1]' as InstanceAddr;
    s.setInstance(a0, providerAddr('apprunner'), obj);
    s.setInstance(a1, providerAddr('apprunner'), obj);
    s.setInstance(a1, providerAddr('apprunner', 'eu'), { ...obj, status: 'tainted' });
    expect(s.instanceCount).toBe(2);
    expect(s.instance(a1)?.status).toBe('tainted');
    expect(s.resource('svc.web' as ResourceAddr)?.provider).toBe('provider["apprunner"].eu');
    expect(s.removeInstance(a0)).toBe(true);
    expect(s.removeInstance(a0)).toBe(false);
    expect(s.resourceCount).toBe(1);
    expect(s.removeInstance(a1)).toBe(true);
    expect(s.resourceCount).toBe(0);
    expect(s.instanceCount).toBe(0);
  });

  it('keeps a keyless instance, a numeric key and a string key apart', () => {
    const s = new State('L');
    for (const a of ['svc.a', 'svc.b[0]', 'svc.b["0"]', 'data.svc.a']) s.setInstance(a as InstanceAddr, 'p', obj);
    expect(s.instanceCount).toBe(4);
    expect([...s.instances()].map(([a]) => a).sort()).toEqual(['data.svc.a', 'svc.a', 'svc.b["0"]', 'svc.b[0]']);
  });

  it('lists pending instances for reconciliation', () => {
    const s = new State('L');
    s.setInstance('svc.a' as InstanceAddr, 'p', obj);
    s.setInstance('svc.b' as InstanceAddr, 'p', { ...obj, status: 'pending', identity: { name: 'b' } });
    expect(s.pending().map(([a, o]) => [a, o.identity])).toEqual([['svc.b', { name: 'b' }]]);
  });

  it('applies each kind of change, and applying one twice changes nothing more', () => {
    const s = new State('L');
    applyChange(s, createService(1));
    applyChange(s, createService(1));
    applyChange(s, { kind: 'set-output', name: 'url', output: { value: 'u', sensitive: false } });
    expect(s.instance(serviceAddr(1))).toEqual(serviceInstance(1));
    expect(s.instanceCount).toBe(1);
    expect(s.outputs.get('url')?.value).toBe('u');
    applyChange(s, { kind: 'remove-instance', addr: serviceAddr(1) });
    applyChange(s, { kind: 'remove-instance', addr: serviceAddr(1) });
    applyChange(s, { kind: 'remove-output', name: 'url' });
    expect(s.instanceCount).toBe(0);
    expect(s.outputs.size).toBe(0);
  });

  it('handles 10,000 instances with constant-time lookups', () => {
    const s = new State('L');
    for (let i = 0; i < 10_000; i++) applyChange(s, createService(i));
    expect(s.instanceCount).toBe(10_000);
    expect(s.resourceCount).toBe(1);
    expect(s.instance(serviceAddr(9_999))?.attributes.service_name).toBe('web-9999');
  });
});
