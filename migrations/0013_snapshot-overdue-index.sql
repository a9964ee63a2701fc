DROP INDEX `meeting_snapshots_rag_idx`;--> statement-breakpoint
CREATE INDEX `meeting_snapshots_rag_overdue_idx` ON `meeting_snapshots` (`meeting_id`,`action_id`,`rag`,"data" ->> '$.flags.overdue');