CREATE TABLE `question_usage` (
	`question_version_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`papers` integer NOT NULL,
	PRIMARY KEY(`question_version_id`, `session_id`),
	FOREIGN KEY (`question_version_id`) REFERENCES `question_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `attempt_items_qv_idx`;--> statement-breakpoint
-- Hand-added: carry the usage of papers drawn before this migration.
INSERT INTO `question_usage` (`question_version_id`, `session_id`, `papers`)
SELECT ai.`question_version_id`, coalesce(a.`session_id`, 0), count(*)
FROM `attempt_items` ai JOIN `attempts` a ON a.`id` = ai.`attempt_id`
GROUP BY ai.`question_version_id`, coalesce(a.`session_id`, 0);
--> statement-breakpoint
-- Hand-added: every paper row counts its question version, whatever code path writes it.
CREATE TRIGGER `attempt_items_count_usage` AFTER INSERT ON `attempt_items`
BEGIN
	INSERT INTO `question_usage` (`question_version_id`, `session_id`, `papers`)
	SELECT NEW.`question_version_id`, coalesce(a.`session_id`, 0), 1 FROM `attempts` a WHERE a.`id` = NEW.`attempt_id`
	ON CONFLICT (`question_version_id`, `session_id`) DO UPDATE SET `papers` = `papers` + 1;
END;
