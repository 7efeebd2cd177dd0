DROP INDEX `conversations_visitor_idx`;--> statement-breakpoint
DROP INDEX `conversations_status_idx`;--> statement-breakpoint
CREATE INDEX `conversations_visitor_idx` ON `conversations` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `conversations_status_idx` ON `conversations` (`status`,`created_at`);