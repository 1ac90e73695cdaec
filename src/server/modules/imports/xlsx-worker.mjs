// Entry of the workbook-reading worker thread. A worker does not always inherit the tsx loader
// of the main thread (it depends on the Node version), so it registers it before loading the .ts.
import { register } from 'tsx/esm/api';

register();
await import('./xlsx-worker.ts');
