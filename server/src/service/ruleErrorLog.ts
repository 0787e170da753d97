/**
 * A rule that throws is isolated by the linter (the other rules' findings
 * still arrive, the document gets a hint). The error itself goes to the
 * output once per rule per session, so a rule that fails on every keystroke
 * does not flood the log.
 */
import { LintResult } from '../engine/lint';

export class RuleErrorLog {
  private readonly logged = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  /** Logs the errors of rules that have not failed before in this session. */
  report(result: Pick<LintResult, 'ruleErrors' | 'document'>): void {
    for (const { ruleId, error } of result.ruleErrors) {
      if (this.logged.has(ruleId)) continue;
      this.logged.add(ruleId);
      this.log(
        `Rule "${ruleId}" failed on ${result.document.uri}; the other rules still ran. Later failures of this rule are not logged again. Please report it.\n${error}`,
      );
    }
  }
}
