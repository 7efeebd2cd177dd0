CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`name` text,
	`email` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_external_id_idx` ON `customers` (`external_id`);--> statement-breakpoint
ALTER TABLE `consent_records` ADD `notify_by_email` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `notified_at` integer;--> statement-breakpoint
ALTER TABLE `visitors` ADD `customer_id` text REFERENCES customers(id);--> statement-breakpoint
CREATE INDEX `visitors_customer_idx` ON `visitors` (`customer_id`);