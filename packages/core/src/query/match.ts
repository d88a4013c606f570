import { InvalidDateRangeError } from '../errors/errors.js';
import { sessionLastActivity } from '../model/last-activity.js';
import type { Session } from '../model/session.js';
import { latestVariables, variableText } from './internal/latest-variables.js';
import { compileSearch } from './search.js';
import { hasCsat, hasFallback, hasFeedback, hasLiveChat } from './session-facts.js';
import type { SessionQuery, SessionQueryInput } from './session-query.js';

export { compileSearch, MAX_SEARCH_PATTERN_LENGTH } from './search.js';

/**
 * A compiled query: call it on each session. Compile once per query with {@link compileSessionQuery}, not per
 * session.
 *
 * @example
 * ```ts
 * import { compileSessionQuery, type SessionPredicate } from '@observatory/core';
 * const billing: SessionPredicate = compileSessionQuery({ tags: ['billing'] });
 * ```
 */
export type SessionPredicate = (session: Session) => boolean;

/**
 * Compiles a query into a predicate, validating it and compiling any search pattern once. Every given part
 * narrows the result (AND); list parts match any of their values (OR); `sort` does not filter. Takes the
 * parsed {@link SessionQuery} or its input shape (search `mode` defaults to `plain`). An omitted part, an empty list, or a
 * quick filter that is `false` does not filter — `false` is the platform's default, not "must not contain".
 *
 * - `range`: `createdAt` in `[from, to)`.
 * - `agents`: `agentId` is one of them. `deployments`: `deployment.id` is one of them (no deployment: no match).
 * - `contact`: case-insensitive substring of the contact's id, name or email.
 * - `contactId`: the contact's id, exactly.
 * - `tags`: the session has at least one of them (exact, case-sensitive).
 * - `search`: see {@link compileSearch} for the modes. Without `variable` it tests each message's text (any
 *   role); with `variable` it tests that variable's value — strings as they are, numbers and booleans as
 *   written, objects as JSON — in the final variable snapshot (`messageId: null`), or the latest one without a
 *   final snapshot. An unset variable never matches.
 * - `containsFallback` / `containsFeedback`: some message has category `FALLBACK` / `FEEDBACK`.
 * - `containsCSATSurvey`: the session has a CSAT survey, or a message carries a `csat` event; with a non-empty
 *   `csatStatuses`, one such survey or event has one of those statuses. `csatStatuses` alone does not filter.
 * - `containsLiveChat`: the session has a LiveChat conversation, or a message carries a `livechat` event or has
 *   category `LIVE_CHAT`.
 * - `status`: the session's lifecycle status is this one.
 * - `lastActivityBefore`: the session was last active (`sessionLastActivity`: its creation or its latest
 *   message) strictly before this instant.
 *
 * @throws UnsafePatternError (field `search.term`) for a regular expression RE2 cannot run; InvalidDateRangeError
 *   (field `range.from` / `range.to`) for a bound that is not an ISO instant.
 * @example
 * ```ts
 * import { compileSessionQuery } from '@observatory/core';
 * const matches = compileSessionQuery({ agents: ['faq-bot'], search: { term: 'refund', mode: 'fullWord' } });
 * const hits = sessions.filter(matches);
 * ```
 */
export function compileSessionQuery(query: SessionQueryInput): SessionPredicate {
  const tests: SessionPredicate[] = [];
  if (query.range) tests.push(rangeTest(query.range));
  if (query.agents?.length) {
    const agents = new Set(query.agents);
    tests.push((session) => agents.has(session.agentId));
  }
  if (query.deployments?.length) {
    const deployments = new Set(query.deployments);
    tests.push((session) => session.deployment != null && deployments.has(session.deployment.id));
  }
  if (query.contact) {
    const matchesContact = compileSearch({ term: query.contact, mode: 'plain' });
    tests.push(({ contact }) =>
      [contact.id, contact.name, contact.email].some((v) => v !== undefined && matchesContact(v)),
    );
  }
  if (query.contactId !== undefined) tests.push(({ contact }) => contact.id === query.contactId);
  if (query.tags?.length) {
    const tags = new Set(query.tags);
    tests.push((session) => session.tags.some((tag) => tags.has(tag)));
  }
  if (query.search) tests.push(searchTest(query.search));
  if (query.containsFallback) tests.push(hasFallback);
  if (query.containsFeedback) tests.push(hasFeedback);
  if (query.containsCSATSurvey) tests.push(csatTest(query.csatStatuses));
  if (query.containsLiveChat) tests.push(hasLiveChat);
  if (query.status !== undefined) tests.push((session) => session.status === query.status);
  if (query.lastActivityBefore !== undefined) tests.push(lastActivityTest(query.lastActivityBefore));
  return (session) => tests.every((test) => test(session));
}

function lastActivityTest(before: string): SessionPredicate {
  const bound = Date.parse(before);
  if (Number.isNaN(bound))
    throw new InvalidDateRangeError('lastActivityBefore', 'an ISO-8601 instant', before);
  return (session) => Date.parse(sessionLastActivity(session)) < bound;
}

/**
 * True when the session matches every part of the query; see {@link compileSessionQuery} for the rules. To test
 * many sessions, compile the query once with {@link compileSessionQuery} instead.
 *
 * @example
 * ```ts
 * import { matchesSessionQuery } from '@observatory/core';
 * matchesSessionQuery(session, { containsFallback: true, tags: ['billing'] });
 * ```
 */
export function matchesSessionQuery(session: Session, query: SessionQueryInput): boolean {
  return compileSessionQuery(query)(session);
}

function rangeTest(range: NonNullable<SessionQuery['range']>): SessionPredicate {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (Number.isNaN(from)) throw new InvalidDateRangeError('range.from', 'an ISO-8601 instant', range.from);
  if (Number.isNaN(to)) throw new InvalidDateRangeError('range.to', 'an ISO-8601 instant', range.to);
  return (session) => {
    const at = Date.parse(session.createdAt);
    return at >= from && at < to;
  };
}

function searchTest(search: NonNullable<SessionQueryInput['search']>): SessionPredicate {
  const test = compileSearch(search);
  const { variable } = search;
  if (variable === undefined) return (session) => session.messages.some((message) => test(message.text));
  return (session) => {
    const text = variableText(latestVariables(session)?.[variable]);
    return text !== undefined && test(text);
  };
}

function csatTest(statuses: SessionQueryInput['csatStatuses']): SessionPredicate {
  const wanted = statuses?.length ? new Set<string>(statuses) : undefined;
  // A survey's status may be one the platform added (kept as sent): only a filter without statuses matches it.
  const accepts = (status: string) => wanted === undefined || wanted.has(status);
  return (session) => hasCsat(session, accepts);
}
