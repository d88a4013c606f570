import { describeStoreContract } from '../testing/store-contract.js';
import { openStore } from './open-store.js';

describeStoreContract('memory://', () => openStore('memory://'));
