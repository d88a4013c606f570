/**
 * Base class of every error `@observatory/nodes` throws. Each subclass names the field at fault and what was
 * expected there.
 *
 * @example
 * ```ts
 * import { ObservatoryNodeError, renderTemplate } from '@observatory/nodes';
 * try {
 *   renderTemplate('Hi {{name}}', {}, { onMissing: 'error' });
 * } catch (error) {
 *   if (error instanceof ObservatoryNodeError) console.error(error.field, error.expected);
 * }
 * ```
 */
export class ObservatoryNodeError extends Error {
  override readonly name: string = 'ObservatoryNodeError';
  /** The configuration path, variable or input at fault, e.g. `retry.limit` or `contact.name`. */
  readonly field: string;
  /** What was expected there, in words. */
  readonly expected: string;

  constructor(field: string, expected: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.field = field;
    this.expected = expected;
  }
}

/**
 * A node or reporter was configured with a value it cannot work with (thrown when the node is created, not
 * when it runs).
 *
 * @example
 * ```ts
 * import { NodeConfigError, tagNode } from '@observatory/nodes';
 * try { tagNode({ add: ['vip'], remove: ['vip'] }); } catch (e) { if (e instanceof NodeConfigError) console.log(e.field); }
 * ```
 */
export class NodeConfigError extends ObservatoryNodeError {
  override readonly name: string = 'NodeConfigError';
  constructor(field: string, expected: string, received?: unknown) {
    super(
      field,
      expected,
      `Invalid ${field}: expected ${expected}${received === undefined ? '' : `, received ${describe(received)}`}`,
    );
  }
}

/**
 * A template names a variable that has no value and `onMissing: 'error'` was asked for.
 *
 * @example
 * ```ts
 * import { renderTemplate, TemplateVariableMissingError } from '@observatory/nodes';
 * try { renderTemplate('{{contact.name}}', {}, { onMissing: 'error' }); }
 * catch (e) { if (e instanceof TemplateVariableMissingError) console.log(e.field); } // "contact.name"
 * ```
 */
export class TemplateVariableMissingError extends ObservatoryNodeError {
  override readonly name: string = 'TemplateVariableMissingError';
  constructor(variable: string) {
    super(variable, 'a variable with a value', `Template variable "${variable}" has no value`);
  }
}

/**
 * A rendered value would change the structure of what it is placed in (a line break in an HTTP header, a body
 * that is no longer valid JSON), so the request is refused.
 *
 * @example
 * ```ts
 * import { UnsafeTemplateValueError } from '@observatory/nodes';
 * const error = new UnsafeTemplateValueError('headers.X-Customer', 'a header value without CR, LF or NUL');
 * console.log(error.field);
 * ```
 */
export class UnsafeTemplateValueError extends ObservatoryNodeError {
  override readonly name: string = 'UnsafeTemplateValueError';
  constructor(field: string, expected: string, options?: { cause?: unknown }) {
    super(field, expected, `Refusing to render ${field}: expected ${expected}`, options);
  }
}

/**
 * A workflow tried to write a system variable (`missedQuestionsCount`, `consecutiveMissedQuestionsCount`); only
 * the Missed Question node changes them.
 *
 * @example
 * ```ts
 * import { createNodeContext, ReadonlyVariableError } from '@observatory/nodes';
 * const ctx = createNodeContext({ session: { id: 's1', tenantId: 't1' } });
 * try { ctx.variables.set('missedQuestionsCount', 0); } catch (e) { if (e instanceof ReadonlyVariableError) console.log(e.field); }
 * ```
 */
export class ReadonlyVariableError extends ObservatoryNodeError {
  override readonly name: string = 'ReadonlyVariableError';
  constructor(variable: string) {
    super(
      variable,
      'a workflow variable (system variables are read-only)',
      `Variable "${variable}" is a read-only system variable`,
    );
  }
}

/**
 * A turn-bound operation ran outside a turn (no `beginTurn`), or a turn began while another was open.
 *
 * @example
 * ```ts
 * import { createNodeContext, TurnStateError } from '@observatory/nodes';
 * const ctx = createNodeContext({ session: { id: 's1', tenantId: 't1' } });
 * try { ctx.message; } catch (e) { if (e instanceof TurnStateError) console.log(e.expected); }
 * ```
 */
export class TurnStateError extends ObservatoryNodeError {
  override readonly name: string = 'TurnStateError';
  constructor(field: string, expected: string) {
    super(field, expected, `Invalid turn state for ${field}: expected ${expected}`);
  }
}

/**
 * The report outbox holds `capacity` pending reports and cannot take another one. Nothing was dropped: the
 * new report was refused and the caller decides what to do with it.
 *
 * @example
 * ```ts
 * import { OutboxFullError } from '@observatory/nodes';
 * const error = new OutboxFullError(10_000, '["s1","m1"]');
 * console.log(error.capacity, error.key);
 * ```
 */
export class OutboxFullError extends ObservatoryNodeError {
  override readonly name: string = 'OutboxFullError';
  /** How many pending reports the outbox holds at most. */
  readonly capacity: number;
  /** Idempotency key of the refused report. */
  readonly key: string;
  constructor(capacity: number, key: string) {
    super(
      'outbox',
      `at most ${capacity} pending reports`,
      `Report outbox is full (${capacity} pending); report ${key} was not queued`,
    );
    this.capacity = capacity;
    this.key = key;
  }
}

/**
 * `report()` was called on a reporter after `close()`.
 *
 * @example
 * ```ts
 * import { ReporterClosedError } from '@observatory/nodes';
 * console.log(new ReporterClosedError().expected);
 * ```
 */
export class ReporterClosedError extends ObservatoryNodeError {
  override readonly name: string = 'ReporterClosedError';
  constructor() {
    super('reporter', 'an open reporter (report() after close())', 'The missed-question reporter is closed');
  }
}

/**
 * The HTTP Request node got a response outside 2xx. Kept as `cause` on the recorded step's error.
 *
 * @example
 * ```ts
 * import { HttpStatusError } from '@observatory/nodes';
 * const error = new HttpStatusError(503, 'GET', 'https://api.example.com/orders');
 * console.log(error.status);
 * ```
 */
export class HttpStatusError extends ObservatoryNodeError {
  override readonly name: string = 'HttpStatusError';
  /** The HTTP status of the response. */
  readonly status: number;
  constructor(status: number, method: string, url: string) {
    super('response.status', 'a 2xx status', `${method} ${url} answered ${status}`);
    this.status = status;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * A missed-question report is missing a field the platform requires, or the question is empty or too long.
 *
 * @example
 * ```ts
 * import { InvalidReportError } from '@observatory/nodes';
 * try { await reporter.report({ tenantId: 't', question: '', sessionId: 's', messageId: 'm' }); }
 * catch (e) { if (e instanceof InvalidReportError) console.log(e.field); } // "question"
 * ```
 */
export class InvalidReportError extends ObservatoryNodeError {
  override readonly name: string = 'InvalidReportError';
  constructor(field: string, expected: string) {
    super(field, expected, `Invalid missed-question report ${field}: expected ${expected}`);
  }
}

/**
 * A durable outbox file holds a line that is not a journal record (other than a torn last line, which a crash
 * mid-write leaves and which is discarded).
 *
 * @example
 * ```ts
 * import { OutboxCorruptError } from '@observatory/nodes';
 * const error = new OutboxCorruptError('/var/lib/bot/outbox.jsonl', 12);
 * console.log(error.line);
 * ```
 */
export class OutboxCorruptError extends ObservatoryNodeError {
  override readonly name: string = 'OutboxCorruptError';
  /** 1-based line number of the bad record. */
  readonly line: number;
  constructor(path: string, line: number, options?: { cause?: unknown }) {
    super(
      'path',
      'a JSON-lines outbox journal',
      `Outbox journal ${path} has an unreadable record at line ${line}`,
      options,
    );
    this.line = line;
  }
}
