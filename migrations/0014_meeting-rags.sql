CREATE TABLE `meeting_rags` (
	`meeting_id` integer PRIMARY KEY NOT NULL,
	`rags` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
