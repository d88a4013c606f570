import { readFileSync } from 'node:fs';
import { type Document, OpenAPIBackend } from 'openapi-backend';
import { toDraft7 } from '../../../../test/support/openapi-draft7.js';

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
  const backends = await publishedBackends();
  return (operationId, status, body) => {
    const api = backends.find((b) => b.getOperation(operationId) !== undefined);
    if (api === undefined) throw new Error(`no published operation ${operationId}`);
    const result = api.validateResponse(body, operationId, status);
    return (result.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

/** One way an answer broke the published spec: its operation, where in the answer, and the validator's words. */
export interface AnswerViolation {
  readonly operationId: string;
  /**
   * JSON pointer into the answer (`/liveChats/0`), `content-type` for a media type the spec does not declare, or
   * `status <code>` for a status it does not declare.
   */
  readonly where: string;
  readonly message: string;
}

/**
 * Checks whole answers as a validating proxy would: finds the published operation of `method` and `path`, then
 * checks the media type against the ones it declares for the status, and a JSON body against its schema.
 * Returns the operation id (undefined for a path the specs do not publish) and every violation.
 *
 * @example
 * ```ts
 * const check = await publishedAnswerChecker();
 * const { violations } = check('GET', '/organizations/acme/chat-sessions/s1', 200, 'application/json', text);
 * ```
 */
export async function publishedAnswerChecker(): Promise<
  (
    method: string,
    path: string,
    status: number,
    contentType: string,
    text: string,
  ) => { operationId: string | undefined; violations: AnswerViolation[] }
> {
  const backends = await publishedBackends();
  return (method, path, status, contentType, text) => {
    for (const api of backends) {
      const operation = api.matchOperation({ method: method.toLowerCase(), path, headers: {} });
      if (operation?.operationId === undefined) continue;
      const operationId = operation.operationId;
      const declared = operation.responses?.[String(status)] ?? operation.responses?.default;
      if (declared === undefined || '$ref' in declared) {
        return {
          operationId,
          violations: [{ operationId, where: `status ${status}`, message: `${status} is not declared` }],
        };
      }
      const types = Object.keys(declared.content ?? {});
      const type = contentType.split(';')[0]?.trim() ?? '';
      const violations: AnswerViolation[] = [];
      if (
        text !== '' &&
        types.length > 0 &&
        !types.some((declaredType) => mediaTypeMatches(declaredType, type))
      ) {
        violations.push({
          operationId,
          where: 'content-type',
          message: `${type} is not ${types.join(' or ')}`,
        });
      }
      if (type === 'application/json' && text !== '') {
        const result = api.validateResponse(JSON.parse(text), operationId, status);
        for (const error of result.errors ?? []) {
          const where = error.instancePath || '/';
          const missing = (error.params as { missingProperty?: string } | undefined)?.missingProperty;
          violations.push({
            operationId,
            where: missing === undefined ? where : `${where === '/' ? '' : where}/${missing}`,
            message: error.message ?? error.keyword,
          });
        }
      }
      return { operationId, violations };
    }
    return { operationId: undefined, violations: [] };
  };
}

function mediaTypeMatches(declared: string, actual: string): boolean {
  if (declared === '*/*') return true;
  const [type, subtype] = declared.split('/');
  const [actualType, actualSubtype] = actual.split('/');
  return type === actualType && (subtype === '*' || subtype === actualSubtype);
}

async function publishedBackends(): Promise<OpenAPIBackend[]> {
  return Promise.all(
    SPECS.map(async (file) => {
      const raw: unknown = JSON.parse(
        readFileSync(new URL(`../../../../spec/helvia-openapi/${file}`, import.meta.url), 'utf8'),
      );
      const definition = toDraft7(raw) as Document;
      const api = new OpenAPIBackend({
        definition,
        quick: true,
        // Every violation of an answer, not only the first.
        ajvOpts: { allErrors: true },
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
}
