/**
 * One parse of a compose file per document version: the YAML node tree with
 * source ranges (the `yaml` package), shared by every compose rule.
 */
import { Document, isMap, isScalar, LineCounter, parseAllDocuments, Pair, Scalar, YAMLMap, Node as YamlNode } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';

export interface YamlProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export class ComposeModel {
  readonly document: TextDocument;
  readonly text: string;
  readonly documents: Document.Parsed[];
  readonly problems: YamlProblem[] = [];

  constructor(source: TextDocument) {
    this.text = source.getText();
    this.document = TextDocument.create(source.uri, source.languageId, source.version, this.text);
    const lineCounter = new LineCounter();
    // The node tree keeps aliases as references (no expansion), so a "billion laughs" document stays small.
    this.documents = parseAllDocuments(this.text, { lineCounter, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
    if (!Array.isArray(this.documents)) this.documents = [];
    for (const doc of this.documents) {
      for (const error of doc.errors) this.problems.push(this.toProblem(error.message, error.pos, 'error'));
      for (const warning of doc.warnings) this.problems.push(this.toProblem(warning.message, warning.pos, 'warning'));
    }
  }

  /** The top-level mapping of the first document, if it is one. */
  get root(): YAMLMap | null {
    const contents = this.documents[0]?.contents;
    return isMap(contents) ? contents : null;
  }

  /** A top-level key's pair, e.g. `version`. */
  topLevelPair(key: string): Pair<Scalar, unknown> | undefined {
    return this.root?.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair<Scalar, unknown> | undefined;
  }

  rangeOfNode(node: YamlNode | null | undefined): Range | null {
    const r = node?.range;
    if (!r) return null;
    return this.rangeOf(r[0], r[1]);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.document.positionAt(start), end: this.document.positionAt(end) };
  }

  /** The whole line span of a top-level pair, for deletion fixes. */
  lineSpanOfPair(pair: Pair<Scalar, unknown>): { start: number; end: number } | null {
    const keyRange = pair.key?.range;
    const value = pair.value as YamlNode | null;
    const endOffset = value?.range ? value.range[2] : keyRange?.[2];
    if (!keyRange || endOffset === undefined) return null;
    const start = this.text.lastIndexOf('\n', keyRange[0] - 1) + 1;
    let end = this.text.indexOf('\n', Math.max(endOffset - 1, keyRange[1]));
    end = end < 0 ? this.text.length : end + 1;
    return { start, end };
  }

  private toProblem(message: string, pos: [number, number], severity: 'error' | 'warning'): YamlProblem {
    const firstLine = message.split('\n')[0];
    const end = Math.max(pos[1], pos[0] + 1);
    return { message: firstLine, range: this.rangeOf(pos[0], Math.min(end, this.text.length)), severity };
  }
}
