import { HttpStatusError } from '../errors/errors.js';
import { abortableSleep } from './abortable-sleep.js';
import type { BuiltRequest } from './build-request.js';
import { redactHeaders, redactUrl } from './redact.js';

/** The HTTP Request node's retry policy, defaults filled in. */
export type NormalizedRetry = {
  limit: number;
  methods: readonly string[];
  statusCodes: readonly number[];
  backoffMs: number;
};

/**
 * Sends a built request with a per-attempt timeout, retrying retriable statuses, timeouts and network errors
 * with doubling waits while the method and the limit allow. A cancelled turn ends it at once. Never throws: the
 * last response and/or error come back with the number of attempts.
 */
export async function sendWithRetry(
  request: BuiltRequest,
  fetchImpl: typeof fetch,
  timeout: number,
  retry: NormalizedRetry,
  turnSignal: AbortSignal,
  isSecret: (name: string) => boolean,
): Promise<{
  attempts: number;
  response?: { status: number; headers: Record<string, string>; body: unknown };
  error?: unknown;
}> {
  const retriableMethod = retry.methods.includes(request.method);
  for (let attempt = 1; ; attempt++) {
    let retriable = false;
    let error: unknown;
    try {
      const res = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.any([turnSignal, AbortSignal.timeout(timeout)]),
      });
      const response = {
        status: res.status,
        headers: redactHeaders(res.headers, isSecret),
        body: await readBody(res),
      };
      if (res.ok) return { attempts: attempt, response };
      error = new HttpStatusError(res.status, request.method, redactUrl(request.url, isSecret));
      retriable = retry.statusCodes.includes(res.status);
      if (!retriableMethod || !retriable || attempt > retry.limit)
        return { attempts: attempt, response, error };
    } catch (caught) {
      error = caught;
      // A cancelled turn is final; a timeout or a network error may pass.
      if (turnSignal.aborted || !retriableMethod || attempt > retry.limit)
        return { attempts: attempt, error };
    }
    try {
      await abortableSleep(retry.backoffMs * 2 ** (attempt - 1), turnSignal);
    } catch {
      return { attempts: attempt, error };
    }
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!/[/+]json\b/i.test(res.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
