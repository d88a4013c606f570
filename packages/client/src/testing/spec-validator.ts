import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';

/** One request that broke the published spec: which request and what the validator said. */
export interface SpecViolation {
  readonly method: string;
  readonly path: string;
  readonly errors: readonly string[];
}

const SPECS = {
  core: 'hbf-core.observatory-subset.openapi.json',
  dataManager: 'hbf-data-manager.openapi.json',
} as const;

/**
 * Validates requests against the platform's published OpenAPI specs (copied from the platform's
 * platform-api-docs into ./spec). `basePath` is the prefix the client's baseUrl adds, if any.
 */
export async function createSpecValidator(): Promise<
  (request: Request, service: keyof typeof SPECS) => Promise<SpecViolation | undefined>
> {
  const backends = await Promise.all(
    (Object.keys(SPECS) as (keyof typeof SPECS)[]).map(async (service) => {
      const definition = JSON.parse(
        readFileSync(new URL(`../../../../spec/helvia-openapi/${SPECS[service]}`, import.meta.url), 'utf8'),
      );
      const api = new OpenAPIBackend({
        definition,
        quick: true,
        customizeAjv: (ajv) => {
          ajv.addFormat(
            'date-time',
            (value: string) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
          );
          return ajv;
        },
      });
      await api.init();
      return [service, api] as const;
    }),
  );
  const byService = new Map(backends);
  return async (request, service) => {
    const api = byService.get(service);
    if (!api) throw new Error(`no spec for ${service}`);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    const validation = api.validateRequest({
      method: request.method.toLowerCase(),
      path: url.pathname,
      query: url.search.slice(1),
      headers: Object.fromEntries(request.headers),
      ...(text === '' ? {} : { body: JSON.parse(text) }),
    });
    if (validation.valid) return undefined;
    return {
      method: request.method,
      path: url.pathname,
      errors: (validation.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`.trim()),
    };
  };
}
