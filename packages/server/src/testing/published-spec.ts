import { readFileSync } from 'node:fs';
import { type Document, OpenAPIBackend } from 'openapi-backend';

const SPECS = ['hbf-core.observatory-subset.openapi.json', 'hbf-data-manager.openapi.json'];

/**
 * Validates response bodies against the platform's published OpenAPI specs (copied unchanged into ./spec), by
 * operation id: returns the validator's messages, empty when the body conforms.
 *
 * @example
 * ```ts
 * const validate = await publishedResponseValidator();
 * expect(validate('get_21', 200, body)).toEqual([]);
 * ```
 */
export async function publishedResponseValidator(): Promise<
  (operationId: string, status: number, body: unknown) => string[]
> {
  const backends = await Promise.all(
    SPECS.map(async (file) => {
      const raw: unknown = JSON.parse(
        readFileSync(new URL(`../../../../spec/helvia-openapi/${file}`, import.meta.url), 'utf8'),
      );
      const definition = toDraft7(raw) as Document;
      const api = new OpenAPIBackend({
        definition,
        quick: true,
        customizeAjv: (ajv) =>
          ajv.addFormat(
            'date-time',
            (value: string) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
          ),
      });
      await api.init();
      return api;
    }),
  );
  return (operationId, status, body) => {
    const api = backends.find((b) => b.getOperation(operationId) !== undefined);
    if (api === undefined) throw new Error(`no published operation ${operationId}`);
    const result = api.validateResponse(body, operationId, status);
    return (result.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

// OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum`; the JSON Schema the validator speaks wants the bound
// itself in `exclusiveMinimum`. Translating keeps the published constraint instead of dropping it.
export function toDraft7(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDraft7);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toDraft7(value);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  return out;
}
