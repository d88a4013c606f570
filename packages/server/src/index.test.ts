import { expect, it } from 'vitest';
import * as server from './index.js';

it('exports exactly the public runtime API', () => {
  expect(Object.keys(server).sort()).toEqual([
    'AmbiguousSessionError',
    'AuthError',
    'ConflictError',
    'DEFAULT_MAX_BODY_BYTES',
    'DEFAULT_SHUTDOWN_GRACE_MS',
    'DEFAULT_STORE_URL',
    'NotFoundError',
    'ObservatoryServerError',
    'PortInUseError',
    'StoreLockedError',
    'StoreUnavailableError',
    'closeWhenAnsweredEarly',
    'createObservatoryServer',
    'defaultAdmissionLimits',
    'isLoopbackHost',
    'openApiDocument',
    'openStore',
    'redactUrl',
    'startObservatoryServer',
  ]);
});
