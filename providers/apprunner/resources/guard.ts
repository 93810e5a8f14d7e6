// Every resource method ends, once its call is cancelled, with our AbortError rather than
// whichever error the SDK or a wait happened to raise, so the CLI maps cancellation one way.
import type { ResourceType } from '../../provider.js';
import { abortable } from '../sdk.js';

/** The same resource type, with cancellation reported uniformly as AbortError. */
export function guarded(r: ResourceType): ResourceType {
  return {
    schema: r.schema,
    ...(r.normalizers ? { normalizers: r.normalizers } : {}),
    ...(r.identityArgs ? { identityArgs: r.identityArgs } : {}),
    read: (req, ctx) => abortable(ctx.signal, `reading ${ctx.address}`, () => r.read(req, ctx)),
    create: (req, ctx) => abortable(ctx.signal, `creating ${ctx.address}`, () => r.create(req, ctx)),
    update: (req, ctx) => abortable(ctx.signal, `updating ${ctx.address}`, () => r.update(req, ctx)),
    delete: (req, ctx) => abortable(ctx.signal, `deleting ${ctx.address}`, () => r.delete(req, ctx)),
    import: (req, ctx) => abortable(ctx.signal, `importing ${ctx.address}`, () => r.import(req, ctx)),
    findExisting: (req, ctx) => abortable(ctx.signal, `looking for ${ctx.address}`, () => r.findExisting(req, ctx)),
    ...(r.checkPlanned
      ? {
          checkPlanned: (req, ctx) =>
            abortable(ctx.signal, `checking the plan of ${ctx.address}`, () => r.checkPlanned!(req, ctx)),
        }
      : {}),
  };
}
