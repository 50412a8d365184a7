/**
 * All authorization rules of Knooppunt, in one place: this module re-exports the areas under `policy/`. Routes and
 * services call these; repositories additionally scope their queries (two lines of defence). Whatever a caller may
 * not see is answered with `not_found`, exactly like something that does not exist. No service decides access
 * inline: a rule that is not here does not exist.
 */
export * from './policy/app.js';
export * from './policy/cases.js';
export * from './policy/core.js';
export * from './policy/directory.js';
export * from './policy/families.js';
export * from './policy/meetings.js';
export * from './policy/monitor.js';
export * from './policy/notifications.js';
export * from './policy/referrals.js';
export * from './policy/screening.js';
export * from './policy/workspace.js';
