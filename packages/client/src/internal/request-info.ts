import type { RequestInfo } from '../errors/errors.js';

const SECRET_PARAM = /token|key|secret|password|auth|signature/i;

/** Method and URL of a request, safe to show: no userinfo, secret-looking query values redacted. */
export function requestInfo(method: string, url: URL): RequestInfo {
  const safe = new URL(url.href);
  safe.username = '';
  safe.password = '';
  for (const name of [...safe.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) safe.searchParams.set(name, 'REDACTED');
  }
  return { method, url: safe.href };
}
