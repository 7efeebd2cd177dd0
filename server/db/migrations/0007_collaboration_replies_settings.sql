CREATE TABLE `assignment_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`kind` text NOT NULL,
	`team_id` text,
	`agent_id` text,
	`by_agent_id` text,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignment_events_conversation_idx` ON `assignment_events` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `note_mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`note_id` integer NOT NULL,
	`conversation_id` text NOT NULL,
	`agent_id` text,
	`team_id` text,
	`by_agent_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`responded_at` integer,
	`responded_by` text,
	FOREIGN KEY (`note_id`) REFERENCES `notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `note_mentions_agent_idx` ON `note_mentions` (`agent_id`,`responded_at`);--> statement-breakpoint
CREATE INDEX `note_mentions_team_idx` ON `note_mentions` (`team_id`,`responded_at`);--> statement-breakpoint
CREATE INDEX `note_mentions_conversation_idx` ON `note_mentions` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notes_conversation_idx` ON `notes` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `reply_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`team_id` text NOT NULL,
	`author_id` text NOT NULL,
	`client_id` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reviewer_id` text,
	`sent_seq` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`reviewed_at` integer,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reply_drafts_team_idx` ON `reply_drafts` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `reply_drafts_conversation_idx` ON `reply_drafts` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `saved_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text,
	`title` text NOT NULL,
	`body_es` text NOT NULL,
	`body_en` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `saved_replies_team_idx` ON `saved_replies` (`team_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_responder_id` text;--> statement-breakpoint
CREATE INDEX `conversations_created_idx` ON `conversations` (`created_at`);