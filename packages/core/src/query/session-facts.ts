import type { Session } from '../model/session.js';

/**
 * What a session contains, as the quick filters test it (`containsFallback`, `containsFeedback`,
 * `containsCSATSurvey`, `containsLiveChat`) and the session list shows it: the one definition of each.
 *
 * @example
 * ```ts
 * const facts: SessionFacts = { fallback: true, feedback: false, csat: false, liveChat: true };
 * ```
 */
export interface SessionFacts {
  /** Some message has category `FALLBACK`. */
  readonly fallback: boolean;
  /** Some message has category `FEEDBACK`. */
  readonly feedback: boolean;
  /** The session has a CSAT survey, or a message carries a `csat` event. */
  readonly csat: boolean;
  /** The session has a LiveChat conversation, or a message carries a `livechat` event or has category `LIVE_CHAT`. */
  readonly liveChat: boolean;
}

/**
 * True when some message of the session has category `FALLBACK` (the `containsFallback` filter).
 *
 * @example
 * ```ts
 * import { hasFallback } from '@observatory/core';
 * const unanswered = sessions.filter(hasFallback);
 * ```
 */
export const hasFallback = (session: Session): boolean =>
  session.messages.some((message) => message.category === 'FALLBACK');

/**
 * True when some message of the session has category `FEEDBACK` (the `containsFeedback` filter).
 *
 * @example
 * ```ts
 * import { hasFeedback } from '@observatory/core';
 * const rated = sessions.filter(hasFeedback);
 * ```
 */
export const hasFeedback = (session: Session): boolean =>
  session.messages.some((message) => message.category === 'FEEDBACK');

/**
 * True when the session has a LiveChat conversation, or a message carries a `livechat` event or has category
 * `LIVE_CHAT` (the `containsLiveChat` filter).
 *
 * @example
 * ```ts
 * import { hasLiveChat } from '@observatory/core';
 * const handedOver = sessions.filter(hasLiveChat);
 * ```
 */
export const hasLiveChat = (session: Session): boolean =>
  session.liveChats.length > 0 ||
  session.messages.some((message) => message.event?.type === 'livechat' || message.category === 'LIVE_CHAT');

/**
 * True when the session has a CSAT survey or a message carries a `csat` event whose status `accepts` takes
 * (the `containsCSATSurvey` filter; by default any status).
 *
 * @example
 * ```ts
 * import { hasCsat } from '@observatory/core';
 * const answered = sessions.filter((session) => hasCsat(session, (status) => status === 'ANSWERED'));
 * ```
 */
export function hasCsat(session: Session, accepts: (status: string) => boolean = () => true): boolean {
  return (
    session.csatSurveys.some((survey) => accepts(survey.status)) ||
    session.messages.some((message) => message.event?.type === 'csat' && accepts(message.event.status))
  );
}

/**
 * The {@link SessionFacts} of a session.
 *
 * @example
 * ```ts
 * import { sessionFacts } from '@observatory/core';
 * if (sessionFacts(session).liveChat) console.log(`${session.id} was handed to a person`);
 * ```
 */
export function sessionFacts(session: Session): SessionFacts {
  return {
    fallback: hasFallback(session),
    feedback: hasFeedback(session),
    csat: hasCsat(session),
    liveChat: hasLiveChat(session),
  };
}
