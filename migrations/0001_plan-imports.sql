CREATE TABLE `import_mappings` (
	`plan_id` integer NOT NULL,
	`heading` text NOT NULL,
	`field` text NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`plan_id`, `heading`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `plans` ADD `quarters` text DEFAULT 'financial' NOT NULL;