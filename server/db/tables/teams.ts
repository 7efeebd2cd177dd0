// Teams: who answers what. Agents belong to one or more teams, each membership with its own capacity;
// routing rules send a new conversation to a team, and the team's queue holds it until an agent has it.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { agents } from './staff.js';

export const teams = sqliteTable(
  'teams',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Replies of the team's trainees wait for a lead's approval before they reach the visitor. */
    reviewTrainees: integer('review_trainees', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_name_idx').on(t.name)],
);

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: text('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').notNull().references(() => agents.id),
    /** `lead`s approve trainees' replies when the team reviews them. */
    role: text('role', { enum: ['lead', 'member', 'trainee'] }).notNull().default('member'),
    /** How many open conversations of this team the agent holds at once before auto-assignment passes them by. */
    capacity: integer('capacity').notNull().default(5),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentId] }), index('team_members_agent_idx').on(t.agentId)],
);

/**
 * Routing rules, tried in `position` order; the first whose every set condition matches a new conversation
 * sends it to its team. A condition left empty matches anything.
 */
export const routingRules = sqliteTable(
  'routing_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Any of these article categories among the articles the visitor read before asking (JSON array). */
    categories: text('categories', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Any of these words in the first message, compared without case or accents (JSON array). */
    words: text('words', { mode: 'json' }).$type<string[]>().notNull().default([]),
    locale: text('locale'),
    channel: text('channel'),
    createdAt: createdAt(),
  },
  (t) => [index('routing_rules_position_idx').on(t.position)],
);
