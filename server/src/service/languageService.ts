/**
 * The editor-agnostic language service: (document, position, settings) in,
 * LSP types out. It owns the per-document parse and lint caches (keyed by the
 * document's text, dropped on close and, but for what hovers show, for documents not
 * used lately: `WARM_DOCUMENTS`); `server.ts`
 * only wires it to a connection, and the CLI and tests call it directly.
 */
import { fileURLToPath } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction,
  CodeActionContext,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  MarkupContent,
  MarkupKind,
  Location,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { ComposeModel } from '../compose/model';
import { DockerfileModel, ModelCache } from '../dockerfile/model';
import {
  CheckExerciseParams,
  CheckExerciseResult,
  DockerCoachSettings,
  ExerciseSummary,
  RuleSummary,
} from '../protocol';
import { RULES } from '../rules/registry';
import { Rule, ruleSummary } from '../rules/types';
import { checkExercise, listExercises } from '../lessons/exercises';
import { ActionFeatures, codeActions, fixAllEdit, PLAIN_EDITS, resolveCodeAction } from './codeActions';
import { composeBuildDefinition } from './composeBuildNavigation';
import { composeCompletion, CompletionOptions } from './composeCompletion';
import { composeHover } from './composeHover';
import { composeVariableHover } from './composeVariableHover';
import {
  composeDefinition,
  composeHighlights,
  composeLinks,
  composePrepareRename,
  composeReferences,
  composeRename,
  composeSymbols,
  WritableCheck,
} from './composeNavigation';
import { ComposeProjects } from '../engine/composeProjects';
import { ComposeProjectContext } from '../compose/project/projectContext';
import { dockerfileCompletion } from './dockerfileCompletion';
import {
  dockerfileDefinition,
  dockerfileFoldingRanges,
  dockerfileHighlights,
  dockerfileLinks,
  dockerfilePrepareRename,
  dockerfileReferences,
  dockerfileRename,
  dockerfileSymbols,
} from './dockerfileNavigation';
import { formatDockerfile, FormatOptions } from './formatting';
import { dockerfileHover, FindingPlace, findingsHover } from './hover';
import { DocLinks, docLinks } from './markdown';
import {
  diagnosticsOf,
  isComposeDocument,
  isDockerignoreDocument,
  lint,
  LintEnvironment,
  lintInSlices,
  LintOptions,
  LintResult,
} from '../engine/lint';

export interface ServiceOptions {
  /** Base URI of the rule documentation folder (`…/docs/rules`), without a trailing slash. */
  docsBaseUri: string;
  /** How the editor can apply fixes that are more than text edits. */
  features?: ActionFeatures;
  /**
   * How long one lint may work before it stops with a partial result and a notice (the editor's
   * answer to a huge file); none by default, as in the CLI, whose verdicts must not depend on time.
   */
  lintBudgetMs?: number;
  /** Finds the Compose project around a compose file, for navigation and hovers across its files. */
  composeProjects?: ComposeProjects;
  /** Whether a rename may edit a file that is not open (the server checks the disk); all files by default. */
  writable?: WritableCheck;
}

interface CachedLint {
  /** The text linted: results are reused only for the same text, whatever the version says. */
  text: string;
  settingsKey: string;
  /** Null once the document left the recently used ones (`WARM_DOCUMENTS`): the next request lints again. */
  result: LintResult | null;
  /** What hovers show of the findings (their rule, where), kept when the result is dropped. */
  findings: readonly FindingPlace[];
}

/**
 * How many documents keep their parses and whole lint (findings with their lazy fixes, which
 * hold the model): the ones used last (linted, hovered, completed…). The others keep their
 * text and what hovers show of their findings; a request on one parses it again, and a code
 * action lints it again (a few milliseconds for a usual file), which makes it warm again.
 * With 100 open documents (70 Dockerfiles, 30 compose files, as in `npm run bench`) the
 * server's resident memory was 84 MB instead of 90 MB (medians of three alternating runs).
 */
export const WARM_DOCUMENTS = 8;

export class DockerCoachService {
  private readonly dockerfiles = new ModelCache();
  private readonly composeModels = new Map<string, ComposeModel>();
  private readonly lints = new Map<string, CachedLint>();
  /** The documents used last, least recent first (Map order). */
  private readonly warm = new Map<string, true>();
  readonly lintOptions: LintOptions;
  private readonly links: DocLinks;

  constructor(private readonly options: ServiceOptions) {
    this.links = docLinks(options.docsBaseUri);
    this.lintOptions = { docsUri: (rule) => this.docsUri(rule) };
  }

  docsUri(rule: Rule): string {
    return this.links.rule(rule.id);
  }

  /** Lints a document; the result is cached per document text and settings. */
  lint(document: TextDocument, settings: DockerCoachSettings, environment: LintEnvironment = {}): LintResult {
    const settingsKey = JSON.stringify([settings, environment]);
    const cached = this.cachedLint(document, settingsKey);
    if (cached) return cached;
    const text = document.getText();
    const result = lint(document, settings, this.models, environment, this.options.lintBudgetMs);
    this.keepLint(document.uri, text, settingsKey, result);
    return result;
  }

  /**
   * `lint`, giving the event loop back between slices of a long lint (see
   * `lintInSlices`); null when `isStale()` turned true or the document changed
   * before it finished. Shares `lint`'s cache both ways.
   */
  async lintInSlices(
    document: TextDocument,
    settings: DockerCoachSettings,
    environment: LintEnvironment,
    isStale: () => boolean,
  ): Promise<LintResult | null> {
    const settingsKey = JSON.stringify([settings, environment]);
    const cached = this.cachedLint(document, settingsKey);
    if (cached) return cached;
    // LSP documents are updated in place: a lint whose text is gone is abandoned.
    const text = document.getText();
    const result = await lintInSlices(
      document,
      settings,
      this.models,
      environment,
      () => isStale() || document.getText() !== text,
      undefined,
      this.options.lintBudgetMs,
    );
    if (result) this.keepLint(document.uri, text, settingsKey, result);
    return result;
  }

  private keepLint(uri: string, text: string, settingsKey: string, result: LintResult): void {
    this.lints.set(uri, { text, settingsKey, result, findings: result.findings });
    this.used(uri);
  }

  /** Marks a document as used last; the least recent one beyond `WARM_DOCUMENTS` drops its parses and lint. */
  private used(uri: string): void {
    this.warm.delete(uri);
    this.warm.set(uri, true);
    if (this.warm.size <= WARM_DOCUMENTS) return;
    const [coldest] = this.warm.keys();
    this.warm.delete(coldest);
    this.dockerfiles.delete(coldest);
    this.composeModels.delete(coldest);
    const lint = this.lints.get(coldest);
    if (lint?.result)
      this.lints.set(coldest, {
        ...lint,
        result: null,
        findings: lint.result.findings.map(({ rule, range }) => ({ rule, range })),
      });
  }

  /** Where lints take their parses from: one model per document text. */
  private readonly models = {
    dockerfile: (doc: TextDocument) => this.dockerfileModel(doc),
    compose: (doc: TextDocument) => this.composeModel(doc),
  };

  /** The cached lint of this document's text under these settings, if any. */
  private cachedLint(document: TextDocument, settingsKey: string): LintResult | null {
    const cached = this.lints.get(document.uri);
    if (!cached?.result || cached.text !== document.getText() || cached.settingsKey !== settingsKey) return null;
    this.used(document.uri);
    return cached.result;
  }

  diagnostics(document: TextDocument, settings: DockerCoachSettings, environment: LintEnvironment = {}): Diagnostic[] {
    return diagnosticsOf(this.lint(document, settings, environment), this.lintOptions);
  }

  /** The hover at `position`, with the rules of the findings there when this text was linted. */
  hover(document: TextDocument, position: Position): Hover | null {
    const lint = this.lints.get(document.uri);
    const findings = lint && lint.text === document.getText() ? lint.findings : [];
    if (isDockerignoreDocument(document)) return null;
    if (!isComposeDocument(document))
      return dockerfileHover(this.dockerfileModel(document), position, this.links, findings);
    const model = this.composeModel(document);
    const project = this.composeProject(document);
    const main = composeVariableHover(model, position, project) ?? composeHover(model, position, this.links, project);
    const rules = findingsHover(findings, position, this.links);
    if (!rules) return main;
    const value = [rules.markdown, main && MarkupContent.is(main.contents) ? main.contents.value : undefined]
      .filter(Boolean)
      .join('\n\n---\n\n');
    return { contents: { kind: MarkupKind.Markdown, value }, range: main?.range ?? rules.range };
  }

  // Editing features: compose files, Dockerfiles; nothing for .dockerignore files.

  completion(
    document: TextDocument,
    position: Position,
    options: CompletionOptions = { snippets: true },
  ): CompletionList | null {
    if (isComposeDocument(document)) {
      // The other trigger characters are for Dockerfiles; compose completion opens on a space.
      if (options.triggerCharacter !== undefined && options.triggerCharacter !== ' ') return null;
      return composeCompletion(this.composeModel(document), position, options, this.links);
    }
    return isDockerignoreDocument(document)
      ? null
      : dockerfileCompletion(this.dockerfileModel(document), position, options);
  }

  /** The Compose project around a compose document on disk, when the service was given a way to find it. */
  composeProject(document: TextDocument): ComposeProjectContext | null {
    const projects = this.options.composeProjects;
    if (!projects || !document.uri.startsWith('file:')) return null;
    try {
      return projects.contextFor(fileURLToPath(document.uri), document.getText());
    } catch {
      return null;
    }
  }

  /** `readFile` (compose files on disk): the Dockerfile a service builds, for `build.target` and `build.args`. */
  definition(
    document: TextDocument,
    position: Position,
    readFile?: (absolutePath: string) => string | null,
  ): Location[] | null {
    if (isComposeDocument(document)) {
      const model = this.composeModel(document);
      return (
        composeDefinition(model, position, this.composeProject(document)) ??
        composeBuildDefinition(model, position, readFile)
      );
    }
    return isDockerignoreDocument(document) ? null : dockerfileDefinition(this.dockerfileModel(document), position);
  }

  references(document: TextDocument, position: Position, includeDeclaration: boolean): Location[] | null {
    if (isComposeDocument(document))
      return composeReferences(
        this.composeModel(document),
        position,
        includeDeclaration,
        this.composeProject(document),
      );
    return isDockerignoreDocument(document)
      ? null
      : dockerfileReferences(this.dockerfileModel(document), position, includeDeclaration);
  }

  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | null {
    if (isComposeDocument(document)) return composePrepareRename(this.composeModel(document), position);
    return isDockerignoreDocument(document) ? null : dockerfilePrepareRename(this.dockerfileModel(document), position);
  }

  /** Throws `RenameError` (composeNavigation) when the new name is not valid. */
  rename(document: TextDocument, position: Position, newName: string): WorkspaceEdit | null {
    if (isComposeDocument(document))
      return composeRename(
        this.composeModel(document),
        position,
        newName,
        this.composeProject(document),
        this.options.writable,
      );
    return isDockerignoreDocument(document)
      ? null
      : dockerfileRename(this.dockerfileModel(document), position, newName);
  }

  documentHighlights(document: TextDocument, position: Position): DocumentHighlight[] | null {
    if (isComposeDocument(document)) return composeHighlights(this.composeModel(document), position);
    return isDockerignoreDocument(document) ? null : dockerfileHighlights(this.dockerfileModel(document), position);
  }

  documentSymbols(document: TextDocument): DocumentSymbol[] {
    if (isComposeDocument(document)) return composeSymbols(this.composeModel(document));
    return isDockerignoreDocument(document) ? [] : dockerfileSymbols(this.dockerfileModel(document));
  }

  documentLinks(document: TextDocument): DocumentLink[] {
    if (isComposeDocument(document)) return composeLinks(this.composeModel(document));
    return isDockerignoreDocument(document) ? [] : dockerfileLinks(this.dockerfileModel(document));
  }

  foldingRanges(document: TextDocument): FoldingRange[] {
    return isComposeDocument(document) || isDockerignoreDocument(document)
      ? []
      : dockerfileFoldingRanges(this.dockerfileModel(document));
  }

  /** Formatting edits for a Dockerfile (the whole document, or the instructions that touch `range`). */
  format(document: TextDocument, options: FormatOptions, range?: Range): TextEdit[] {
    return isComposeDocument(document) || isDockerignoreDocument(document)
      ? []
      : formatDockerfile(this.dockerfileModel(document), options, range);
  }

  codeActions(
    document: TextDocument,
    context: CodeActionContext,
    settings: DockerCoachSettings,
    environment: LintEnvironment = {},
  ): CodeAction[] {
    return codeActions(
      this.lint(document, settings, environment),
      context,
      settings,
      this.options.features ?? PLAIN_EDITS,
      this.options.lintBudgetMs,
    );
  }

  /** Fills in the edit of an action offered without one (fix all of a rule). */
  resolveCodeAction(
    action: CodeAction,
    document: TextDocument,
    settings: DockerCoachSettings,
    environment: LintEnvironment = {},
  ): CodeAction {
    return resolveCodeAction(action, this.lint(document, settings, environment), settings, this.options.lintBudgetMs);
  }

  /** The edits of "fix all safe problems". */
  fixAll(document: TextDocument, settings: DockerCoachSettings, environment: LintEnvironment = {}): TextEdit[] {
    const edit = fixAllEdit(this.lint(document, settings, environment), settings, undefined, this.options.lintBudgetMs);
    return edit ? [edit] : [];
  }

  listRules(): RuleSummary[] {
    return RULES.map((r) => ({
      ...ruleSummary(r),
      docsUri: this.docsUri(r),
    }));
  }

  // Exercises (lessons): judged on the text the client sends, with the default settings.

  listExercises(): ExerciseSummary[] {
    return listExercises();
  }

  /** Throws `ExerciseError` (lessons/exercises) for a lesson without an exercise. */
  checkExercise(params: CheckExerciseParams): CheckExerciseResult {
    return checkExercise(params);
  }

  /** Lint the document again next time, although it did not change (a file it reads did). */
  forgetLint(uri: string): void {
    this.lints.delete(uri);
  }

  /** Forget everything about a closed document. */
  close(uri: string): void {
    this.dockerfiles.delete(uri);
    this.composeModels.delete(uri);
    this.lints.delete(uri);
    this.warm.delete(uri);
  }

  private dockerfileModel(document: TextDocument): DockerfileModel {
    this.used(document.uri);
    return this.dockerfiles.get(document);
  }

  private composeModel(document: TextDocument): ComposeModel {
    this.used(document.uri);
    const cached = this.composeModels.get(document.uri);
    if (cached && cached.text === document.getText()) return cached;
    const model = new ComposeModel(document);
    this.composeModels.set(document.uri, model);
    return model;
  }
}
