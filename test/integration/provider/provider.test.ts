import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../providers/apprunner/emulator/index.js';
import { apprunnerProvider, createProvider } from '../../../providers/apprunner/index.js';
import { NORMALIZERS } from '../../../providers/apprunner/schemas.js';
import { context, REGION, serviceArgs } from './helpers.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('apprunner provider', () => {
  it('names itself, configures region/profile/endpoint/alias, and offers every schema without configuring', () => {
    expect(apprunnerProvider.name).toBe('apprunner');
    expect(Object.keys((apprunnerProvider.configSchema.properties ?? {}) as object).sort()).toEqual([
      'alias',
      'endpoint',
      'profile',
      'region',
    ]);
    expect(apprunnerProvider.schemas.apprunner_service.kind).toBe('resource');
    expect(apprunnerProvider.schemas['data.apprunner_service'].kind).toBe('data');
  });

  it('reaches the endpoint named by AWS_ENDPOINT_URL_APPRUNNER, with credentials from the environment', async () => {
    const em = await startEmulator({ latency: 'instant' });
    try {
      process.env.AWS_ENDPOINT_URL_APPRUNNER = em.url;
      process.env.AWS_ACCESS_KEY_ID = 'test';
      process.env.AWS_SECRET_ACCESS_KEY = 'test';
      process.env.AWS_REGION = REGION;
      const p = await createProvider({ waitScale: 1000 }).configure({ values: {} }, new AbortController().signal);
      try {
        const res = p.resources.apprunner_service;
        expect(res.normalizers).toBe(NORMALIZERS);
        const a = await res.create({ args: serviceArgs('env-1') as never }, context('apprunner_service.e'));
        expect(a.arn).toMatch(/^arn:aws:apprunner:eu-west-1:/);
        expect(em.admin.stats().requests.CreateService).toBe(1);
      } finally {
        await p.close();
      }
    } finally {
      await em.close();
    }
  });

  it('exposes every resource type and data source once configured', async () => {
    const p = await createProvider().configure(
      { values: { region: REGION, endpoint: 'http://127.0.0.1:9' } },
      new AbortController().signal,
    );
    try {
      expect(Object.keys(p.resources).sort()).toEqual(
        Object.keys(apprunnerProvider.schemas)
          .filter((k) => !k.startsWith('data.'))
          .sort(),
      );
      expect(Object.keys(p.dataSources).sort()).toEqual(
        Object.keys(apprunnerProvider.schemas)
          .filter((k) => k.startsWith('data.'))
          .map((k) => k.slice(5))
          .sort(),
      );
    } finally {
      await p.close();
    }
  });
});
