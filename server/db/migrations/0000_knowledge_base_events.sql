CREATE TABLE `article_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`locale` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `article_views_article_idx` ON `article_views` (`locale`,`slug`);--> statement-breakpoint
CREATE INDEX `article_views_created_idx` ON `article_views` (`created_at`);--> statement-breakpoint
CREATE TABLE `article_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`locale` text NOT NULL,
	`helpful` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `article_votes_article_idx` ON `article_votes` (`locale`,`slug`);--> statement-breakpoint
CREATE INDEX `article_votes_created_idx` ON `article_votes` (`created_at`);--> statement-breakpoint
CREATE TABLE `search_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`query` text NOT NULL,
	`locale` text NOT NULL,
	`result_count` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_events_created_idx` ON `search_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `search_events_locale_created_idx` ON `search_events` (`locale`,`created_at`);