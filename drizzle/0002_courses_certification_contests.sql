CREATE TABLE `chapters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chapters_course_idx` ON `chapters` (`course_id`);--> statement-breakpoint
CREATE TABLE `course_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`user_id` integer,
	`post_id` integer,
	`due_on` text,
	`assigned_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_assignments_user_idx` ON `course_assignments` (`user_id`);--> statement-breakpoint
CREATE INDEX `course_assignments_post_idx` ON `course_assignments` (`post_id`);--> statement-breakpoint
CREATE TABLE `course_trades` (
	`course_id` integer NOT NULL,
	`trade_code` text NOT NULL,
	PRIMARY KEY(`course_id`, `trade_code`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trade_code`) REFERENCES `trades`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`hours` integer NOT NULL,
	`status` text NOT NULL,
	`origin` text,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `courses_code_unique` ON `courses` (`code`);--> statement-breakpoint
CREATE TABLE `lesson_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`user_id` integer NOT NULL,
	`lesson_id` integer NOT NULL,
	`seconds` integer DEFAULT 0 NOT NULL,
	`read_to_end` integer DEFAULT false NOT NULL,
	`last_beat_at` integer,
	`completed_at` integer,
	PRIMARY KEY(`user_id`, `lesson_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chapter_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`markdown` text NOT NULL,
	`min_minutes` integer NOT NULL,
	`self_check` text DEFAULT '[]' NOT NULL,
	`responsible` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`chapter_id`) REFERENCES `chapters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lessons_chapter_idx` ON `lessons` (`chapter_id`);--> statement-breakpoint
CREATE TABLE `study_log` (
	`user_id` integer NOT NULL,
	`lesson_id` integer NOT NULL,
	`day` text NOT NULL,
	`seconds` integer NOT NULL,
	PRIMARY KEY(`user_id`, `lesson_id`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `certificate_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`certificate_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`passed_on` text,
	`attempt_id` integer,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `certificate_reviews_cert_idx` ON `certificate_reviews` (`certificate_id`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`verification_code` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer NOT NULL,
	`trade_code` text,
	`title` text,
	`issued_on` text NOT NULL,
	`valid_until` text NOT NULL,
	`revoked_on` text,
	`revoked_reason` text,
	`theory_attempt_id` integer,
	`practical_result_id` integer,
	`issued_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trade_code`) REFERENCES `trades`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`theory_attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`practical_result_id`) REFERENCES `practical_results`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_number_unique` ON `certificates` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_verification_code_unique` ON `certificates` (`verification_code`);--> statement-breakpoint
CREATE INDEX `certificates_user_idx` ON `certificates` (`user_id`);--> statement-breakpoint
CREATE INDEX `certificates_trade_idx` ON `certificates` (`trade_code`);--> statement-breakpoint
CREATE TABLE `practical_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`trade_code` text NOT NULL,
	`marks` text NOT NULL,
	`score` real NOT NULL,
	`passed` integer NOT NULL,
	`examiner_id` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trade_code`) REFERENCES `trades`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`examiner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practical_user_idx` ON `practical_results` (`user_id`);--> statement-breakpoint
CREATE TABLE `contest_entrants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`team_id` integer,
	`reserve` integer DEFAULT false NOT NULL,
	`enterprise_id` integer,
	`region_id` integer,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `contest_teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_entrants_uq` ON `contest_entrants` (`contest_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `contest_judges` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`chief` integer DEFAULT false NOT NULL,
	`enterprise_id` integer,
	`region_id` integer,
	PRIMARY KEY(`contest_id`, `user_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contest_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`weight` real NOT NULL,
	`blueprint_id` integer,
	`session_id` integer,
	`rubric` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blueprint_id`) REFERENCES `blueprints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `exam_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contest_rounds_contest_idx` ON `contest_rounds` (`contest_id`);--> statement-breakpoint
CREATE TABLE `contest_teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`organiser_id` integer NOT NULL,
	`freeze_at` integer,
	`revealed` integer DEFAULT false NOT NULL,
	`team_mode` text DEFAULT 'sum' NOT NULL,
	`use_tie_break` integer DEFAULT true NOT NULL,
	`trim_at` integer DEFAULT 5 NOT NULL,
	`award_rule` text DEFAULT '{"mode":"count","first":1,"second":2,"third":3}' NOT NULL,
	`published_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `score_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`entrant_id` integer NOT NULL,
	`score` real NOT NULL,
	`time_used` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `contest_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entrant_id`) REFERENCES `contest_entrants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `score_events_contest_idx` ON `score_events` (`contest_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `score_sheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`entrant_id` integer NOT NULL,
	`judge_id` integer NOT NULL,
	`marks` text NOT NULL,
	`submitted_at` integer,
	`reopened_at` integer,
	`reopened_by` integer,
	`reopen_reason` text,
	FOREIGN KEY (`round_id`) REFERENCES `contest_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entrant_id`) REFERENCES `contest_entrants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reopened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `score_sheets_uq` ON `score_sheets` (`round_id`,`entrant_id`,`judge_id`);--> statement-breakpoint
ALTER TABLE `trades` ADD `practical_items` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `exam_sessions` ADD `paper_seed` text;