CREATE TABLE `auto_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`slug` text NOT NULL,
	`locale` text NOT NULL,
	`confidence` real NOT NULL,
	`outcome` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `auto_answers_conversation_idx` ON `auto_answers` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `auto_answers_created_idx` ON `auto_answers` (`created_at`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`position` integer NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`words` text DEFAULT '[]' NOT NULL,
	`locale` text,
	`channel` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `routing_rules_position_idx` ON `routing_rules` (`position`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`capacity` integer DEFAULT 5 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`team_id`, `agent_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_agent_idx` ON `team_members` (`agent_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`review_trainees` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_idx` ON `teams` (`name`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `team_id` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `assignee_id` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `assigned_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_response_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `resolution` text;--> statement-breakpoint
CREATE INDEX `conversations_assignee_idx` ON `conversations` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `conversations_team_idx` ON `conversations` (`team_id`,`status`);