/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type MiddlewareHandler } from 'hono';
import { missedQuestionAnalyticsWithTop } from '../http/routes/analytics.js';
import type { ObservatoryStore } from '../store/store.js';
import { MissedChart } from './chart.js';
import type { PageEnv } from './env.js';
import { apiParams, readPageFilters, sharedQuery } from './filters.js';
import { Layout } from './layout.js';
import { htmlPage } from './render.js';

/**
 * `GET /analytics`: missed vs answered questions per day in the viewer's zone, with the totals and the missed
 * percentage — the numbers of the API's `missedQuestionAnalytics` for the same filters, drawn as SVG and listed
 * in a table — and the top missed questions with their agent, each linking to its details.
 *
 * @example
 * ```ts
 * app.route('/', analyticsPage(store, guard));
 * ```
 */
export function analyticsPage(store: ObservatoryStore, guard: MiddlewareHandler<PageEnv>[]): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.use('/analytics', ...guard);
  app.get('/analytics', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const filters = readPageFilters(params, new Date());
    const api = apiParams(params, filters);
    api.set('bucket', 'day');
    const { analytics, top } = await missedQuestionAnalyticsWithTop(store, c.get('scope'), api);
    const shared = sharedQuery(params);
    const days = analytics.histogram.map((bucket) => ({
      day: bucket.string_date,
      questions: bucket.questions ?? 0,
      missed: bucket.count,
      answered: bucket.answered ?? 0,
    }));
    const answered = analytics.totalQuestions - analytics.totalMissedQuestions;
    return htmlPage(
      c,
      <Layout title="Analytics" path="/analytics" params={params} csrf={c.get('web').csrf} filters={filters}>
        <dl id="analytics-totals">
          <dt>Questions</dt>
          <dd>{analytics.totalQuestions}</dd>
          <dt>Missed</dt>
          <dd>{analytics.totalMissedQuestions}</dd>
          <dt>Answered</dt>
          <dd>{answered}</dd>
          <dt>Missed percentage</dt>
          <dd>{`${analytics.missedQuestionsPercentage}%`}</dd>
        </dl>
        <MissedChart days={days} />
        <table>
          <caption>Missed and answered questions per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" class="num">
                Questions
              </th>
              <th scope="col" class="num">
                Missed
              </th>
              <th scope="col" class="num">
                Answered
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <td>{d.day}</td>
                <td class="num">{d.questions}</td>
                <td class="num">{d.missed}</td>
                <td class="num">{d.answered}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {top.length === 0 ? null : (
          <table>
            <caption>Top missed questions</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Agent</th>
                <th scope="col" class="num">
                  Occurrences
                </th>
              </tr>
            </thead>
            <tbody>
              {top.map((question) => (
                <tr>
                  <td>
                    <a href={`/missed-questions/${encodeURIComponent(question.id)}?${shared}`}>
                      {question.question}
                    </a>
                  </td>
                  <td>{question.agentId}</td>
                  <td class="num">{question.filteredOccurrences ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });
  return app;
}
