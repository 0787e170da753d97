// Minimal typings for the parts of mvdan-sh (mvdan/sh compiled to JavaScript) that we use.
declare module 'mvdan-sh' {
  export interface ShPos {
    Offset(): number;
    Line(): number;
    Col(): number;
  }
  export interface ShNode {
    Pos(): ShPos;
    End(): ShPos;
    [key: string]: unknown;
  }
  export interface ShParser {
    Parse(src: string, name: string): ShNode;
  }
  export interface ShParseError {
    Error(): string;
    Text?: string;
    Incomplete?: boolean;
  }
  export type ShParserOption = { readonly __option: unique symbol };
  export const syntax: {
    NewParser(...options: ShParserOption[]): ShParser;
    KeepComments(keep: boolean): ShParserOption;
    Variant(lang: number): ShParserOption;
    LangBash: number;
    LangPOSIX: number;
    NodeType(node: ShNode): string;
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
  };
}
