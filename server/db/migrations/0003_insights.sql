CREATE TABLE `article_days` (
	`day` text NOT NULL,
	`locale` text NOT NULL,
	`slug` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`helpful` integer DEFAULT 0 NOT NULL,
	`not_helpful` integer DEFAULT 0 NOT NULL,
	`conversations_after` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `locale`, `slug`)
);
--> statement-breakpoint
CREATE INDEX `article_days_article_idx` ON `article_days` (`locale`,`slug`,`day`,`views`,`helpful`,`not_helpful`,`conversations_after`);--> statement-breakpoint
CREATE TABLE `conversation_starts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`locale` text NOT NULL,
	`after_slug` text,
	`after_locale` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversation_starts_day_idx` ON `conversation_starts` (`day`);--> statement-breakpoint
CREATE TABLE `insight_days` (
	`day` text NOT NULL,
	`locale` text NOT NULL,
	`searches` integer DEFAULT 0 NOT NULL,
	`no_result` integer DEFAULT 0 NOT NULL,
	`opened` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`engaged_visits` integer DEFAULT 0 NOT NULL,
	`engaged_conversed` integer DEFAULT 0 NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`deflections` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `locale`)
);
--> statement-breakpoint
CREATE TABLE `search_days` (
	`day` text NOT NULL,
	`locale` text NOT NULL,
	`query` text NOT NULL,
	`searches` integer DEFAULT 0 NOT NULL,
	`no_result` integer DEFAULT 0 NOT NULL,
	`opened` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `locale`, `query`)
);
--> statement-breakpoint
CREATE INDEX `search_days_query_idx` ON `search_days` (`locale`,`query`,`day`,`searches`,`no_result`,`opened`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`locale` text NOT NULL,
	`searched` integer DEFAULT false NOT NULL,
	`read` integer DEFAULT false NOT NULL,
	`conversed` integer DEFAULT false NOT NULL,
	`last_search_id` integer,
	`last_search_query` text,
	`last_search_at` integer,
	`last_article_slug` text,
	`last_article_locale` text,
	`last_article_at` integer
);
--> statement-breakpoint
CREATE INDEX `visits_day_idx` ON `visits` (`day`,`locale`);--> statement-breakpoint
ALTER TABLE `search_events` ADD `opened` integer DEFAULT false NOT NULL;