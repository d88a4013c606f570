/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import {
  countLabel,
  type MissedQuestionOccurrence,
  missedDetailsView,
  missedQuestionDetails,
  type Session,
} from '@observatory/core';
import { Hono, type MiddlewareHandler } from 'hono';
import { NotFoundError } from '../errors.js';
import { visibleMissedQuestion } from '../http/routes/missed-questions.js';
import { visibleSession } from '../http/routes/sessions.js';
import type { ObservatoryStore } from '../store/store.js';
import type { PageEnv } from './env.js';
import { readPageFilters, sharedQuery } from './filters.js';
import { Layout } from './layout.js';
import { htmlPage } from './render.js';
import { Transcript } from './transcript.js';
import { Triage } from './triage.js';

/**
 * The session of an occurrence, or undefined when it was deleted since (the question's counts keep it): the
 * session of the question's agent, as an occurrence is its agent's.
 */
async function sessionIfStored(
  store: ObservatoryStore,
  scope: PageEnv['Variables']['scope'],
  id: string,
  agentId: string,
) {
  try {
    return await visibleSession(store, scope, id, new URLSearchParams({ tenantId: agentId }));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * `GET /missed-questions/:id`: the details of one missed question — the three stats (in range, since created,
 * distinct sessions) from core's `missedQuestionDetails`, the chosen session's transcript (`?session=`, default
 * the latest) with the missed message highlighted, Go to Session, triage, then the sessions where it appeared:
 * one row each, the latest ten and a link to show all (`?sessions=all`).
 *
 * @example
 * ```ts
 * app.route('/', missedDetailsPage(store, guard));
 * ```
 */
export function missedDetailsPage(
  store: ObservatoryStore,
  guard: MiddlewareHandler<PageEnv>[],
): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.use('/missed-questions/:id', ...guard);
  app.get('/missed-questions/:id', async (c) => {
    const url = new URL(c.req.url);
    const params = url.searchParams;
    const filters = readPageFilters(params, new Date());
    const scope = c.get('scope');
    const question = await visibleMissedQuestion(store, scope, c.req.param('id'), filters.range);
    const occurrences: MissedQuestionOccurrence[] = [];
    for await (const occurrence of store.streamOccurrences(scope.organizationId, { questionId: question.id }))
      occurrences.push(occurrence);
    const details = missedQuestionDetails(occurrences, { range: filters.range });
    const first = missedDetailsView(details, { timeZone: filters.timeZone });
    const chosen = params.get('session') || first.defaultSessionId;
    if (chosen !== undefined && !details.occurrences.some((o) => o.sessionId === chosen))
      throw new NotFoundError('session of this missed question in the range', chosen);
    const session: Session | undefined =
      chosen === undefined ? undefined : await sessionIfStored(store, scope, chosen, question.agentId);
    const showAll = params.get('sessions') === 'all';
    const view = missedDetailsView(details, {
      timeZone: filters.timeZone,
      ...(showAll ? { sessionLimit: 'all' as const } : {}),
      ...(session === undefined ? {} : { session }),
    });
    const listed = showAll ? { sessions: 'all' } : {};
    const csrf = c.get('web').csrf;
    return htmlPage(
      c,
      <Layout title="Missed question" path={url.pathname} params={params} csrf={csrf} filters={filters}>
        <blockquote id="question">{question.question}</blockquote>
        <p>
          {`Agent ${question.agentId} · ${question.status} `}
          <Triage
            id={question.id}
            question={question.question}
            status={question.status}
            csrf={csrf}
            back={`${url.pathname}${url.search}`}
          />
        </p>
        <dl id="stats">
          <dt>Occurrences in range</dt>
          <dd>{view.stats.occurrencesInRange}</dd>
          <dt>Total occurrences</dt>
          <dd>{view.stats.totalSinceCreated}</dd>
          <dt>Distinct sessions</dt>
          <dd>{view.stats.distinctSessions}</dd>
        </dl>
        {view.transcript === undefined ? (
          <p role="status" id="empty-hint">
            {chosen === undefined
              ? 'This question was not asked in the chosen range: check the range and agent filter.'
              : `The session ${chosen} is no longer stored.`}
          </p>
        ) : (
          <>
            <h2>{`Transcript of ${view.transcript.sessionId}`}</h2>
            <Transcript lines={view.transcript.lines} />
            <p>
              <a
                href={`/sessions/${encodeURIComponent(view.transcript.sessionId)}?${sharedQuery(params, { tenantId: question.agentId })}`}
              >
                Go to Session
              </a>
            </p>
          </>
        )}
        <table>
          <caption>Sessions where it appeared</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Times asked</th>
              <th scope="col">Last asked at</th>
            </tr>
          </thead>
          <tbody>
            {view.sessions.map((row) => (
              <tr aria-current={row.sessionId === chosen ? 'true' : undefined}>
                <td>
                  <a href={`${url.pathname}?${sharedQuery(params, { ...listed, session: row.sessionId })}`}>
                    {row.sessionId}
                  </a>
                </td>
                <td class="num">{row.occurrences}</td>
                <td>
                  <time datetime={row.lastOccurredAt}>{row.lastOccurredAtLocal}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.moreSessions > 0 ? (
          <p id="more-sessions">
            {`and ${countLabel(view.moreSessions, 'more session')} · `}
            <a
              href={`${url.pathname}?${sharedQuery(params, { sessions: 'all', ...(chosen === undefined ? {} : { session: chosen }) })}`}
            >
              {`Show all ${countLabel(view.sessions.length + view.moreSessions, 'session')}`}
            </a>
          </p>
        ) : null}
      </Layout>,
    );
  });
  return app;
}
