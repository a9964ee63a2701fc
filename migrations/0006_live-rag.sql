ALTER TABLE `actions` ADD `last_update_date` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `rag_started` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `rag_before_start` text;--> statement-breakpoint
CREATE INDEX `meetings_plan_cutoff_idx` ON `meetings` (`plan_id`,`papers_cutoff`);