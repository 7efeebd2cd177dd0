// The storage schema: one module per area under tables/, re-exported here so code imports one place.
// No table holds anything about a visitor before consent: searches, views and votes are counted.
export * from './tables/kb-events.js';
export * from './tables/chat.js';
export * from './tables/customers.js';
export * from './tables/staff.js';
export * from './tables/blocks.js';
export * from './tables/insights.js';
export * from './tables/articles.js';
export * from './tables/teams.js';
export * from './tables/auto-answers.js';
export * from './tables/collaboration.js';
export * from './tables/replies.js';
export * from './tables/settings.js';
