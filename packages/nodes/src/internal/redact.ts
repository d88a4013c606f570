/** What a secret is replaced with in recorded steps. */
export const REDACTED = '[REDACTED]';

// Header, query-parameter and JSON-field names that hold credentials. `sessionId` and friends are not secrets.
const SECRET_NAME =
  /token|secret|passw(or)?d|pwd|api[-_]?key|authorization|cookie|credential|private[-_]?key|signature/i;

/** Decides which names are secret: the defaults above plus configured names (case-insensitive). */
export function secretNameMatcher(extra: readonly string[] = []): (name: string) => boolean {
  const configured = new Set(extra.map((name) => name.toLowerCase()));
  return (name) => configured.has(name.toLowerCase()) || SECRET_NAME.test(name);
}

/** Copies headers, secret values replaced. */
export function redactHeaders(headers: Headers, isSecret: (name: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = isSecret(name) ? REDACTED : value;
  });
  return out;
}

/** The URL with its password and secret query parameters replaced. */
export function redactUrl(url: URL, isSecret: (name: string) => boolean): string {
  const copy = new URL(url);
  // Not '[REDACTED]': userinfo would percent-encode the brackets.
  if (copy.password !== '') copy.password = 'REDACTED';
  for (const name of new Set(copy.searchParams.keys())) {
    if (isSecret(name)) copy.searchParams.set(name, REDACTED);
  }
  return copy.toString();
}

/**
 * Deep copy of a JSON-like value with secret-named fields replaced and known secret strings (token values,
 * configured variables) scrubbed wherever they appear.
 */
export function redactValue(
  value: unknown,
  isSecret: (name: string) => boolean,
  secrets: readonly string[],
): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, isSecret, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecret(key) ? REDACTED : redactValue(item, isSecret, secrets);
    }
    return out;
  }
  return value;
}

/**
 * The values of secret-named variables (`shopToken`, `auth.password`, configured names), at any depth up to 4:
 * a secret used in a URL path or a body is scrubbed even where no secret name labels it.
 */
export function secretValues(
  variables: Readonly<Record<string, unknown>>,
  isSecret: (name: string) => boolean,
  depth = 4,
): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (isSecret(name) && (typeof value === 'string' || typeof value === 'number')) found.push(String(value));
    else if (depth > 1 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      found.push(...secretValues(value as Record<string, unknown>, isSecret, depth - 1));
    }
  }
  return found;
}

/**
 * Replaces every occurrence of each secret, as written and as a URL or a form encodes it (longest first, so a
 * longer secret is not half-replaced).
 */
export function scrub(text: string, secrets: readonly string[]): string {
  const forms = new Set(
    secrets.flatMap((secret) => [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ v: secret }).toString().slice(2),
    ]),
  );
  let out = text;
  for (const secret of [...forms].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
