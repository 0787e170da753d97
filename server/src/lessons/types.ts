/**
 * Exercises: a starter file the user edits and goals the extension checks
 * with its own rule engine. Shared by the server (which checks) and the
 * client (which shows the results).
 */
import type { LessonId } from '../data/lessons';

/** A goal as the checker reports it. */
export interface GoalResult {
  id: string;
  /** What the goal asks, one sentence. */
  text: string;
  passed: boolean;
  /** What to try next when it does not pass. */
  hint: string;
  /** When it does not pass: the zero-based line to look at, if there is one. */
  line?: number;
}

export interface ExerciseSummary {
  lesson: LessonId;
  title: string;
  /** `dockerfile` or `dockercompose`. */
  language: string;
  /** The starter file the user begins with. */
  starter: string;
  /** The goals the check judges, in the order it reports them. */
  goals: { id: string; text: string }[];
}

export interface CheckExerciseParams {
  lesson: LessonId;
  /** The text of the user's exercise document. */
  text: string;
}

export interface CheckExerciseResult {
  lesson: LessonId;
  goals: GoalResult[];
  /** True when every goal passes. */
  passed: boolean;
}
