// The part of markdown-it's API the Markdown bench uses (the package ships no types).
declare module 'markdown-it' {
  interface Ruler {
    disable(names: string | string[]): void;
  }
  export default class MarkdownIt {
    constructor(preset?: 'commonmark' | 'default' | 'zero');
    readonly core: { ruler: Ruler };
    parse(src: string, env: object): unknown[];
  }
}
