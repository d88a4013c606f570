import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';
// One translation of the specs' OpenAPI 3.0 bounds for both validators (request bodies hold the same schemas).
import { toDraft7 } from '../../../../test/support/openapi-draft7.js';

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
 * Optional query parameters the client sends beyond the published spec, each a local-server extension the client
 * README documents under "Wire decisions" and that is sent only when the caller asks for it. Declared here, and
 * nowhere else, so the validator stays strict about every other undeclared parameter.
 */
const PUBLISHED_LIST_FILTERS: readonly SpecParameter[] = [
  { name: 'status', in: 'query', schema: { type: 'string', enum: ['ACTIVE', 'COMPLETED'] } },
  { name: 'lastInteractionLessThan', in: 'query', schema: { type: 'string', format: 'date-time' } },
];

const EXTENSIONS: Readonly<Record<string, Record<string, readonly SpecParameter[]>>> = {
  core: {
    '/organizations/{orgId}/chat-sessions/export/{id}': [
      { name: 'timeZone', in: 'query', schema: { type: 'string' } },
    ],
    // `status` / `lastActivityBefore` of a SessionQuery: the filters of the published `GET /chat-sessions`.
    '/organizations/{orgId}/chat-sessions/export': [
      { name: 'timeZone', in: 'query', schema: { type: 'string' } },
      ...PUBLISHED_LIST_FILTERS,
    ],
    // `sessions.list({ include: ['summary'] })`: the spec declares includeSummary on the get only.
    '/organizations/{orgId}/chat-sessions': [
      { name: 'includeSummary', in: 'query', schema: { type: 'boolean' } },
      ...PUBLISHED_LIST_FILTERS,
    ],
  },
};

/**
 * Validates requests against the platform's published OpenAPI specs, vendored at the repository root in
 * `spec/helvia-openapi/`, plus the documented client extensions in {@link EXTENSIONS}.
 */
export async function createSpecValidator(): Promise<
  (request: Request, service: keyof typeof SPECS) => Promise<SpecViolation | undefined>
> {
  const backends = await Promise.all(
    (Object.keys(SPECS) as (keyof typeof SPECS)[]).map(async (service) => {
      const definition = declareExtensions(
        declarePathParams(
          requestView(
            toDraft7(
              JSON.parse(
                readFileSync(
                  new URL(`../../../../spec/helvia-openapi/${SPECS[service]}`, import.meta.url),
                  'utf8',
                ),
              ),
            ),
          ) as ReturnType<typeof JSON.parse>, // the parsed document, its bounds and required lists rewritten
        ),
        EXTENSIONS[service] ?? {},
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

/**
 * The schemas as a request sees them: OpenAPI 3.0 says a property both `readOnly` and `required` is required in
 * responses only (`containsUserInteraction` of `ChatSessionDto`), which a JSON Schema validator does not know.
 */
function requestView(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(requestView);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = requestView(value);
  const properties = out.properties as Record<string, { readOnly?: boolean }> | undefined;
  if (Array.isArray(out.required) && properties !== undefined) {
    out.required = out.required.filter((name: string) => properties[name]?.readOnly !== true);
  }
  return out;
}

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}
type SpecPathItem = Record<string, { parameters?: SpecParameter[] } | SpecParameter[]>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * hbf-data-manager's paths template `{orgId}` without declaring it, so a validator would refuse every request as
 * having an unknown path parameter (and stop before checking the query). Declares each templated path parameter
 * an operation leaves out, as a required string: the spec's intent, nothing more lenient.
 */
function declarePathParams<T extends { paths: Record<string, SpecPathItem> }>(definition: T): T {
  for (const [template, item] of Object.entries(definition.paths)) {
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined || Array.isArray(operation)) continue;
      const declared = [...shared, ...(operation.parameters ?? [])];
      const missing = names.filter((name) => !declared.some((p) => p.in === 'path' && p.name === name));
      if (missing.length === 0) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        ...missing.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ];
    }
  }
  return definition;
}

/** Adds each extension parameter to the GET operation of its path template; a template the spec lacks is a bug. */
function declareExtensions<T extends { paths: Record<string, SpecPathItem> }>(
  definition: T,
  extensions: Record<string, readonly SpecParameter[]>,
): T {
  for (const [template, parameters] of Object.entries(extensions)) {
    const operation = definition.paths[template]?.get;
    if (operation === undefined || Array.isArray(operation)) {
      throw new Error(`spec extension for GET ${template}: the spec has no such operation`);
    }
    operation.parameters = [...(operation.parameters ?? []), ...parameters];
  }
  return definition;
}
