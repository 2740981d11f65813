/** All SQL of the programs module, by sub-domain; callers import from here. */
export * from './rows.ts';
export * from './programs.ts';
export * from './activities.ts';
export * from './reports.ts';
export * from './lookups.ts';
export * from './demo.ts';
export * from './reviews.ts';
export * from './reminders.ts';
