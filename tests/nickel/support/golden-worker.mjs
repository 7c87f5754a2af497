// Worker entry: worker threads do not inherit tsx's loader hooks, so register them here before
// loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./golden-worker.ts');
