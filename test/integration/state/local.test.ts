import { backendConformance } from './conformance.js';
import { localStore } from './local-store.js';

backendConformance('local', localStore);
