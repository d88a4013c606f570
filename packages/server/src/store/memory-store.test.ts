import { describeStoreContract } from '../testing/store-contract.js';
import { describeTrendContract } from '../testing/trend-contract.js';
import { openStore } from './open-store.js';

describeStoreContract('memory://', () => openStore('memory://'));
describeTrendContract('memory://', () => openStore('memory://'));
