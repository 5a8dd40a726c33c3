// The write-back as the worker does it, but the process "dies": after the whole write-back, or at the first write to
// ir.attachment (after a bill or a quotation was created, before its document was filed on it). Retry tests run a
// second worker after it and check that nothing was created twice.
import type { OdooClient } from '../../src/odoo/types.js';
import type { WriteBack } from '../../src/worker/types.js';
import { applyWriteBack, prepareWriteBack } from '../../src/writeback/index.js';

export type KillPoint = 'after-apply' | 'attachment-write';

function killed(): Error {
  return new Error('killed: the worker process died here');
}

/** The client, except that writing an attachment kills the process. */
function dyingAtAttachmentWrite(client: OdooClient): OdooClient {
  return new Proxy(client, {
    get(t, prop) {
      if (prop === 'write') {
        return async (model: string, ids: number[], values: Record<string, unknown>, context?: Record<string, unknown>) => {
          if (model === 'ir.attachment') throw killed();
          return t.write(model, ids, values, context);
        };
      }
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

export function dyingWriteBack(killAt: KillPoint): WriteBack {
  return {
    prepare: prepareWriteBack,
    async apply(client, target, prepared, policy, marker) {
      await applyWriteBack(killAt === 'attachment-write' ? dyingAtAttachmentWrite(client) : client, target, prepared, policy, marker);
      throw killed();
    },
  };
}
