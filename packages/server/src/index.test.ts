import { expect, it } from 'vitest';
import * as server from './index.js';

it('exports exactly the public runtime API', () => {
  expect(Object.keys(server).sort()).toEqual([
    'AuthError',
    'ConflictError',
    'DEFAULT_MAX_BODY_BYTES',
    'DEFAULT_STORE_URL',
    'NotFoundError',
    'ObservatoryServerError',
    'StoreUnavailableError',
    'createObservatoryServer',
    'defaultAdmissionLimits',
    'openApiDocument',
    'openStore',
    'startObservatoryServer',
  ]);
});
