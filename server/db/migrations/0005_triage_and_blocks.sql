CREATE TABLE `blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visitor_id` text,
	`ip_hash` text,
	`reason` text NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`lifted_at` integer,
	`lifted_by` text,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `blocks_visitor_idx` ON `blocks` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `blocks_ip_idx` ON `blocks` (`ip_hash`);--> statement-breakpoint
ALTER TABLE `messages` ADD `sentiment` real;--> statement-breakpoint
ALTER TABLE `messages` ADD `offline` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `state` text DEFAULT 'delivered' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `held_reason` text;--> statement-breakpoint
CREATE INDEX `messages_held_idx` ON `messages` (`state`) WHERE state = 'held';--> statement-breakpoint
ALTER TABLE `visitors` ADD `vip` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `visitors` ADD `ip_hash` text;