export * from './directive-history.js';
export * from './history-csv.js';
export * from './report-labels.js';
export * from './status-report-issuer.js';
export * from './status-report.decider.js';
export * from './status-report.html.js';
export * from './nest/status-reports.module.js';
