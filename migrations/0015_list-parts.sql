ALTER TABLE `actions` ADD `leads_json` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `evidence_counts_json` text;--> statement-breakpoint
CREATE INDEX `actions_open_due_idx` ON `actions` (`plan_id`,`due_date`) WHERE "actions"."archived_at" IS NULL AND "actions"."signed_off_at" IS NULL;