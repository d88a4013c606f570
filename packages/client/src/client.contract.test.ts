import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createObservatoryClient } from './client.js';
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

it('validated requests against the spec (the known timeZone deviation was seen, so the validator ran)', () => {
  expect(violations.some((v) => v.errors.some((error) => error.startsWith('/query/timeZone')))).toBe(true);
});

it('sent only requests the published OpenAPI spec accepts (timeZone aside: sent as an IANA id by decision)', () => {
  const unexpected = violations
    .map((v) => ({ ...v, errors: v.errors.filter((error) => !error.startsWith('/query/timeZone')) }))
    .filter((v) => v.errors.length > 0);
  expect(unexpected).toEqual([]);
});
