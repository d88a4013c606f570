import { expect, it } from 'vitest';
import * as client from './index.js';

it('exports exactly the public surface', () => {
  expect(Object.keys(client).sort()).toEqual(
    [
      'AnalyticsResource',
      'CLIENT_DEFAULTS',
      'CLIENT_ENV',
      'ChatSessionsResource',
      'IngestResource',
      'InteractionsResource',
      'MissedQuestionsResource',
      'ObservatoryApiError',
      'ObservatoryError',
      'ObservatoryNetworkError',
      'ObservatoryTimeoutError',
      'ObservatoryValidationError',
      'SessionsResource',
      'TagsResource',
      'createObservatoryClient',
      'isObservatoryApiError',
      'isObservatoryError',
      'isObservatoryNetworkError',
      'isObservatoryTimeoutError',
      'isObservatoryValidationError',
    ].sort(),
  );
});

it('guards recognise errors by brand, not only by instanceof (another realm)', () => {
  const error = new client.ObservatoryApiError({
    status: 500,
    problem: undefined,
    requestId: undefined,
    request: { method: 'GET', url: 'http://127.0.0.1/x' },
  });
  const foreign = Object.assign(Object.create(null), error, { name: error.name });
  Object.defineProperty(foreign, Symbol.for('@observatory/client/error'), { value: true });
  expect(client.isObservatoryApiError(foreign)).toBe(true);
  expect(client.isObservatoryTimeoutError(foreign)).toBe(false);
  expect(client.isObservatoryError(new Error('plain'))).toBe(false);
});
