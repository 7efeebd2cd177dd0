CREATE TABLE `article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`category` text NOT NULL,
	`tags` text NOT NULL,
	`paths` text NOT NULL,
	`extra` text NOT NULL,
	`body` text NOT NULL,
	`action` text NOT NULL,
	`author_id` text,
	`author_name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_revisions_article_version_idx` ON `article_revisions` (`article_id`,`version`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`tags` text NOT NULL,
	`paths` text NOT NULL,
	`extra` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`published_version` integer,
	`published_at` integer,
	`updated_by` text,
	`updated_by_name` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_locale_idx` ON `articles` (`slug`,`locale`);--> statement-breakpoint
CREATE INDEX `articles_locale_status_idx` ON `articles` (`locale`,`status`);--> statement-breakpoint
CREATE TABLE `kb_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dir` text NOT NULL,
	`fingerprint` text NOT NULL,
	`imported` integer NOT NULL,
	`skipped` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
