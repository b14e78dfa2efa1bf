export * from './follow-up-plan.js';
export * from './report-reminders.js';
