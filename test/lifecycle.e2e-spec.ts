import { describeLifecycle } from './support/lifecycle-scenario.js';
import { startTestApi } from './support/test-app.js';

describeLifecycle('on the embedded SQLite store', (start) => startTestApi({ start }));
