ALTER TABLE `actions` ADD `leads_json` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `evidence_counts_json` text;