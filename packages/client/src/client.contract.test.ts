import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createObservatoryClient } from './client.js';
import { isObservatoryError } from './errors/errors.js';
import { describeClientContract } from './testing/client-contract.js';
import { contractFixture } from './testing/contract-fixture.js';
import { fakePlatform } from './testing/fake-platform.js';
import { createSpecValidator, type SpecViolation } from './testing/spec-validator.js';

const baseUrl = 'http://127.0.0.1:4318';
const dataManagerUrl = 'http://127.0.0.1:4319';
const token = 'contract-token';
const violations: SpecViolation[] = [];
const validate = await createSpecValidator();
const server = setupServer(
  ...fakePlatform(contractFixture(), { baseUrl, dataManagerUrl, token, validate, violations }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describeClientContract('msw fake platform', (overrides) =>
  createObservatoryClient({
    baseUrl,
    dataManagerUrl,
    token,
    organizationId: 'org-1',
    retry: 0,
    ...overrides,
  }),
);

it('maps hbf-data-manager steps and variables onto each user message of the session', async () => {
  const client = createObservatoryClient({
    baseUrl,
    dataManagerUrl,
    token,
    organizationId: 'org-1',
    retry: 0,
  });
  const session = await client.sessions.get('s2', { include: ['interactions', 'variableSnapshots'] });
  // The fake platform logs one LLM call per event and holds missedQuestionsCount=1 after it.
  expect(session.interactions).toEqual([
    {
      id: 's2-m1-i1',
      messageId: 's2-m1',
      type: 'llm',
      timestamp: '2026-11-01T10:00:00.500Z',
      payload: {},
    },
  ]);
  expect(session.variableSnapshots).toEqual([
    { messageId: 's2-m1', takenAt: '2026-11-01T10:00:00.600Z', variables: { missedQuestionsCount: 1 } },
  ]);
  // Asked for without `messages`: they were read to find the events, but not returned.
  expect(session.messages).toEqual([]);
});

it('refuses interactions and variable snapshots without dataManagerUrl, before any request', async () => {
  const client = createObservatoryClient({ baseUrl, token, organizationId: 'org-1', retry: 0 });
  const error = await client.sessions.get('s1', { include: ['interactions'] }).catch((e: unknown) => e);
  expect(isObservatoryError(error) && error.message).toMatch(/dataManagerUrl/);
  expect(isObservatoryError(error) && error.request).toBeUndefined();
});

it('validated requests against the spec (the known timeZone deviation was seen, so the validator ran)', () => {
  expect(violations.some((v) => v.errors.some((error) => error.startsWith('/query/timeZone')))).toBe(true);
});

it('sent only requests the published OpenAPI spec accepts (timeZone aside: sent as an IANA id by decision)', () => {
  const unexpected = violations
    .map((v) => ({ ...v, errors: v.errors.filter((error) => !error.startsWith('/query/timeZone')) }))
    .filter((v) => v.errors.length > 0);
  expect(unexpected).toEqual([]);
});
