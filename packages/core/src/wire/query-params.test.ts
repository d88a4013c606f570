import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObservatoryInputError } from '../errors/errors.js';
import { SessionQuery } from '../query/session-query.js';
import { sessionQueryFromParams, sessionQueryToParams } from './query-params.js';

const id = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const queryArb = fc
  .record(
    {
      range: fc.tuple(instant, instant).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
      agents: fc.array(id, { minLength: 1, maxLength: 3 }),
      deployments: fc.array(id, { minLength: 1, maxLength: 3 }),
      contact: fc.string({ minLength: 1, maxLength: 10 }),
      contactId: fc.string({ minLength: 1, maxLength: 10 }),
      tags: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }),
      search: fc.record(
        {
          term: fc.string({ minLength: 1, maxLength: 20 }),
          mode: fc.constantFrom('plain', 'fullWord', 'regex'),
          variable: id,
        },
        { requiredKeys: ['term', 'mode'] },
      ),
      containsFallback: fc.constant(true),
      containsFeedback: fc.constant(true),
      containsCSATSurvey: fc.constant(true),
      containsLiveChat: fc.constant(true),
      csatStatuses: fc.array(fc.constantFrom('PRESENTED', 'ANSWERED'), { minLength: 1, maxLength: 2 }),
      sort: fc.record({ by: fc.constant('createdAt'), order: fc.constantFrom('asc', 'desc') }),
      status: fc.constantFrom('ACTIVE', 'COMPLETED'),
      lastActivityBefore: instant,
    },
    { requiredKeys: [] },
  )
  .map((raw) => SessionQuery.parse(raw));

describe('sessionQueryToParams / sessionQueryFromParams', () => {
  it('round-trip every query and page through a URL query string', () => {
    fc.assert(
      fc.property(queryArb, fc.nat(50), fc.integer({ min: 1, max: 1000 }), (query, page, pageSize) => {
        const search = sessionQueryToParams(query, { page, pageSize }).toString();
        const back = sessionQueryFromParams(new URLSearchParams(search));
        expect(back.query).toEqual(query);
        expect(back.page).toEqual({ page, pageSize });
      }),
    );
  });

  it('sends tenantsFilter comma-separated and tags as repeated keys, and reads both forms back', () => {
    const params = sessionQueryToParams({ agents: ['a', 'b'], tags: ['x', 'y'] });
    expect(params.get('tenantsFilter')).toBe('a,b');
    expect(params.getAll('tags')).toEqual(['x', 'y']);
    expect(
      sessionQueryFromParams(new URLSearchParams('tenantsFilter=a&tenantsFilter=b')).query.agents,
    ).toEqual(['a', 'b']);
  });

  it('treats containsX=false as no filter, as the platform does', () => {
    expect(sessionQueryToParams({ containsFallback: false }).has('containsFallback')).toBe(false);
    expect(sessionQueryFromParams(new URLSearchParams('containsFallback=false')).query).toEqual({});
  });

  it.each([
    ['startDate=yesterday&endDate=2026-01-01T00:00:00Z', 'startDate'],
    ['startDate=2026-01-01T00:00:00Z', 'endDate'],
    ['startDate=2026-02-01T00:00:00Z&endDate=2026-01-01T00:00:00Z', 'endDate'],
    ['order=UP', 'order'],
    ['sortBy=duration', 'sortBy'],
    ['page=-1', 'page'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=5000', 'pageSize'],
    ['containsLiveChat=yes', 'containsLiveChat'],
    ['csatSurveysStatuses=MAYBE', 'csatSurveysStatuses'],
    ['searchTerm=a&isRegex=true&matchFullWord=true', 'isRegex'],
    ['searchTerm=a&searchByVariable=true', 'searchVariable'],
  ])('rejects %s naming the wire parameter %s', (search, field) => {
    const error = (() => {
      try {
        sessionQueryFromParams(new URLSearchParams(search));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ObservatoryInputError);
    expect((error as ObservatoryInputError).field).toBe(field);
  });
});
