ALTER TABLE `action_recommendations` ADD `coverage` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `papers_cutoff_days` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `preferred_plan_id` integer;