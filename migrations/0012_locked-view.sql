ALTER TABLE `meeting_records` ADD `view` text;--> statement-breakpoint
ALTER TABLE `meeting_records` ADD `view_tag` text;