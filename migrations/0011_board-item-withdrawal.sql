ALTER TABLE `board_items` ADD `withdrawn_at` text;--> statement-breakpoint
ALTER TABLE `board_items` ADD `withdrawn_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `board_items` ADD `withdrawal_reason` text;