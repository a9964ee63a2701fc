CREATE TABLE `meeting_records` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`format` integer NOT NULL,
	`data` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
