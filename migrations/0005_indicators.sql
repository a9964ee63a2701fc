CREATE TABLE `indicator_actions` (
	`indicator_id` integer NOT NULL,
	`action_id` integer NOT NULL,
	PRIMARY KEY(`indicator_id`, `action_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_actions_action_idx` ON `indicator_actions` (`action_id`);--> statement-breakpoint
CREATE TABLE `indicator_comparators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` real NOT NULL,
	`period_label` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_comparators_indicator_idx` ON `indicator_comparators` (`indicator_id`);--> statement-breakpoint
CREATE TABLE `indicator_recommendations` (
	`indicator_id` integer NOT NULL,
	`recommendation_id` integer NOT NULL,
	PRIMARY KEY(`indicator_id`, `recommendation_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_recommendations_rec_idx` ON `indicator_recommendations` (`recommendation_id`);--> statement-breakpoint
CREATE TABLE `indicator_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real NOT NULL,
	`tolerance` real DEFAULT 0 NOT NULL,
	`effective_from` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_targets_indicator_idx` ON `indicator_targets` (`indicator_id`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`period_end` text NOT NULL,
	`value` real NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_values_indicator_idx` ON `indicator_values` (`indicator_id`,`period_end`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`name` text NOT NULL,
	`definition` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`polarity` text NOT NULL,
	`frequency` text DEFAULT 'monthly' NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`data_source` text DEFAULT '' NOT NULL,
	`threshold_kind` text,
	`threshold_amount` real,
	`position` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicators_plan_idx` ON `indicators` (`plan_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_plan_name_unique` ON `indicators` (`plan_id`,lower("name"));--> statement-breakpoint
CREATE TABLE `meeting_scorecards` (
	`meeting_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `indicator_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
