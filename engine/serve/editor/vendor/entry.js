// The parts of CodeMirror 6 the rapportbok editor uses, re-exported from one bundle.
// regenerate.sh bundles this file into codemirror.js; engine/serve/editor/editor.js imports it.
export { EditorState, Compartment, StateEffect, StateField } from "@codemirror/state";
export {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, hoverTooltip, ViewPlugin, Decoration,
} from "@codemirror/view";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export {
  Language, defineLanguageFacet, StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching,
  indentOnInput,
} from "@codemirror/language";
export { search, searchKeymap, highlightSelectionMatches } from "@codemirror/search";
export {
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, startCompletion,
} from "@codemirror/autocomplete";
export { linter, lintGutter, lintKeymap, setDiagnostics, forceLinting } from "@codemirror/lint";
export { parser as markdownParser, GFM, parseCode } from "@lezer/markdown";
export { tags } from "@lezer/highlight";
