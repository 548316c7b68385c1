// rapportbok: the browser editor. CodeMirror 6 (vendored, served by the binary) holds the
// notebook's source; the live page sits beside it in a frame. Completion, hover and
// diagnostics come from the language service (engine/lang) over /_rapportbok/sprak/.
import {
  EditorState, EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, hoverTooltip, ViewPlugin, Decoration, defaultKeymap, history, historyKeymap,
  Language, defineLanguageFacet, StreamLanguage, syntaxHighlighting, HighlightStyle,
  bracketMatching, indentOnInput, search, searchKeymap, highlightSelectionMatches,
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, linter, lintGutter,
  lintKeymap, markdownParser, GFM, parseCode, tags,
} from "/_rapportbok/redigerare/codemirror.js";

const start = JSON.parse(document.getElementById("start").textContent);
const token = document.querySelector('meta[name="rapportbok-token"]').content;
const page = start.sida;
const status = document.getElementById("status");
const frame = document.getElementById("sida");
let version = start.version;
let savedText = start.text;

// Timings the browser bench reads (milliseconds, newest last).
const timings = (window.rapportbokMatningar = { diagnoser: [], spara: [], komplettering: [] });

// ---- Rhai inside ```rhai cells: a small stream mode --------------------------------------
const KEYWORDS = new Set(["let", "const", "fn", "if", "else", "for", "in", "while", "loop",
  "return", "import", "as", "break", "continue", "switch", "do", "until", "private", "export"]);
const ATOMS = new Set(["true", "false", "params"]);
const rhai = StreamLanguage.define({
  name: "rhai",
  startState: () => ({ comment: false }),
  token(stream, state) {
    if (state.comment) {
      if (stream.skipTo("*/")) { stream.next(); stream.next(); state.comment = false; } else { stream.skipToEnd(); }
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//")) { stream.skipToEnd(); return "comment"; }
    if (stream.match("/*")) { state.comment = true; return "comment"; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^`[^`]*`?/)) return "string";
    if (stream.match(/^\d[\d_]*(\.\d+)?/)) return "number";
    if (stream.match(/^#\{/)) return "bracket";
    const word = stream.match(/^[\p{L}_][\p{L}\p{N}_]*/u);
    if (word) {
      const w = word[0];
      if (KEYWORDS.has(w)) return "keyword";
      if (ATOMS.has(w)) return "atom";
      if (stream.match(/^\s*\(/, false)) return "variableName.function";
      if (stream.match(/^::/, false)) return "namespace";
      return "variableName";
    }
    if (stream.match(/^[()[\]{}]/)) return "bracket";
    if (stream.match(/^(::|==|!=|<=|>=|&&|\|\||[-+*/%=<>!.,;:?|&])/)) return "operator";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//" }, closeBrackets: { brackets: ["(", "[", "{", '"'] } },
});

// ---- Markdown with the cells parsed as Rhai ---------------------------------------------
const markdownLanguage = new Language(
  defineLanguageFacet({ commentTokens: { block: { open: "<!--", close: "-->" } } }),
  markdownParser.configure([GFM, parseCode({ codeParser: (info) => (/^rhai\b/.test(info) ? rhai.parser : null) })]),
  [],
  "markdown",
);

// Colours chosen for at least 4.5:1 contrast on white (WCAG AA).
const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: "bold", color: "#1d3f73" },
  { tag: tags.strong, fontWeight: "bold" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.link, color: "#0b5394", textDecoration: "underline" },
  { tag: tags.url, color: "#0b5394" },
  { tag: tags.monospace, color: "#6a3d00" },
  { tag: tags.keyword, color: "#8a1c7c", fontWeight: "bold" },
  { tag: tags.string, color: "#0c6b2f" },
  { tag: tags.number, color: "#9c3d00" },
  { tag: tags.atom, color: "#9c3d00" },
  { tag: tags.comment, color: "#5c5c5c", fontStyle: "italic" },
  { tag: tags.function(tags.variableName), color: "#1a4fa0" },
  { tag: tags.namespace, color: "#6b4500" },
  { tag: tags.processingInstruction, color: "#5c5c5c" },
  { tag: tags.meta, color: "#5c5c5c" },
]);

// `{{ … }}` in prose, marked so inline expressions stand out.
const inlineMark = Decoration.mark({ class: "cm-inline-expr" });
const inlineExpressions = ViewPlugin.fromClass(class {
  constructor(view) { this.decorations = this.find(view); }
  update(u) { if (u.docChanged || u.viewportChanged) this.decorations = this.find(u.view); }
  find(view) {
    const marks = [];
    for (const { from, to } of view.visibleRanges) {
      const text = view.state.doc.sliceString(from, to);
      for (const m of text.matchAll(/\{\{[^{}\n]*\}\}/g)) {
        if (m.index > 0 && text[m.index - 1] === "\\") continue;
        marks.push(inlineMark.range(from + m.index, from + m.index + m[0].length));
      }
    }
    return Decoration.set(marks, true);
  }
}, { decorations: (v) => v.decorations });

// ---- positions: the language service counts characters, CodeMirror UTF-16 units --------
function toPos(doc, line, col) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return l.from + Array.from(l.text).slice(0, Math.max(col - 1, 0)).join("").length;
}
function toLineCol(doc, pos) {
  const l = doc.lineAt(pos);
  return { rad: l.number, kolumn: Array.from(l.text.slice(0, pos - l.from)).length + 1 };
}

async function ask(kind, body) {
  const res = await fetch(`/_rapportbok/sprak/${kind}/${encodeURI(page)}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-rapportbok-token": token },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(await res.text());
  return res.json();
}

// ---- diagnostics --------------------------------------------------------------------------
const problemList = document.getElementById("fel-lista");
const problemCount = document.getElementById("antal-fel");
function showProblems(view, problems) {
  problemList.textContent = "";
  const roots = problems.filter((p) => !p.consequence).length;
  const follow = problems.length - roots;
  problemCount.textContent = problems.length === 0 ? "(inga)"
    : `(${roots} ${roots === 1 ? "fel" : "fel"}${follow ? `, ${follow} följdfel` : ""})`;
  for (const p of problems) {
    const li = document.createElement("li");
    if (p.consequence) li.className = "folj";
    const go = document.createElement("button");
    go.type = "button";
    go.textContent = `Rad ${p.line}${p.col ? `, kolumn ${p.col}` : ""}`;
    go.addEventListener("click", () => {
      const pos = toPos(view.state.doc, p.line, p.col || 1);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      view.focus();
    });
    li.append(go, `: ${p.consequence ? "Följdfel: " : ""}${p.message}${p.hint ? ` Tips: ${p.hint}` : ""}`);
    problemList.append(li);
  }
}
const diagnostics = linter(async (view) => {
  const t0 = performance.now();
  const text = view.state.doc.toString();
  let problems;
  try { problems = await ask("diagnoser", { text }); } catch (e) { status.textContent = `Kunde inte kontrollera texten: ${e.message}`; return []; }
  if (view.state.doc.toString() !== text) return [];
  showProblems(view, problems);
  timings.diagnoser.push(performance.now() - t0);
  const doc = view.state.doc;
  return problems.filter((p) => p.line > 0).map((p) => {
    const from = toPos(doc, p.line, p.col || 1);
    const line = doc.lineAt(from);
    const word = /^[\p{L}\p{N}_]+/u.exec(doc.sliceString(from, line.to));
    const to = p.col ? Math.min(line.to, from + (word ? word[0].length : 1)) : line.to;
    return {
      from, to: Math.max(to, from),
      severity: p.consequence ? "info" : "error",
      message: `${p.consequence ? "Följdfel: " : ""}${p.message}${p.hint ? `\nTips: ${p.hint}` : ""}`,
    };
  });
}, { delay: 300 });

// ---- completion ---------------------------------------------------------------------------
const TYPES = { function: "function", variable: "variable", column: "property", property: "property", file: "text", keyword: "keyword" };
async function complete(context) {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  if (!context.explicit && !/[\p{L}\p{N}_"\[{,.:]$/u.test(before)) return null;
  const t0 = performance.now();
  const at = toLineCol(context.state.doc, context.pos);
  let res;
  try { res = await ask("komplettering", { text: context.state.doc.toString(), ...at }); } catch { return null; }
  timings.komplettering.push(performance.now() - t0);
  if (!res.items.length) return null;
  return {
    from: toPos(context.state.doc, res.from.line, res.from.col),
    options: res.items.map((i) => ({
      label: i.label, type: TYPES[i.kind] || "text", detail: i.detail || undefined, info: i.info || undefined,
    })),
    validFor: /^[\p{L}\p{N}_.\-/:]*$/u,
  };
}

// ---- hover --------------------------------------------------------------------------------
const hover = hoverTooltip(async (view, pos) => {
  const at = toLineCol(view.state.doc, pos);
  let res;
  try { res = await ask("info", { text: view.state.doc.toString(), ...at }); } catch { return null; }
  if (!res) return null;
  return {
    pos: toPos(view.state.doc, res.from.line, res.from.col),
    end: toPos(view.state.doc, res.to.line, res.to.col),
    above: true,
    create() { const dom = document.createElement("div"); dom.textContent = res.text; return { dom }; },
  };
});

// ---- saving -------------------------------------------------------------------------------
let saving = false;
let saveStarted = 0;
let lastUpdate = 0;
async function save(view, overwrite) {
  if (saving) return;
  saving = true;
  const text = view.state.doc.toString();
  status.textContent = "Sparar …";
  saveStarted = performance.now();
  try {
    const res = await fetch(`/_rapportbok/spara/${encodeURI(page)}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-rapportbok-token": token },
      body: JSON.stringify({ text, version: overwrite || version }),
    });
    if (res.status === 409) {
      const c = await res.json();
      showConflict(view, c);
      status.textContent = "Inte sparat: filen har ändrats på disken.";
      return;
    }
    if (!res.ok) { status.textContent = `Inte sparat: ${await res.text()}`; return; }
    version = (await res.json()).version;
    savedText = text;
    document.getElementById("konflikt").hidden = true;
    const shown = lastUpdate >= saveStarted ? ", sidan är uppdaterad" : "";
    status.textContent = `Sparat ${new Date().toLocaleTimeString("sv-SE")}${shown}.`;
  } catch (e) {
    status.textContent = `Inte sparat: ${e.message}`;
  } finally {
    saving = false;
  }
}

function showConflict(view, c) {
  const box = document.getElementById("konflikt");
  document.getElementById("disk-text").textContent = c.text;
  box.hidden = false;
  document.getElementById("ladda-om").onclick = () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: c.text } });
    version = c.version;
    savedText = c.text;
    box.hidden = true;
    status.textContent = "Filen från disken är inläst.";
    view.focus();
  };
  document.getElementById("skriv-over").onclick = () => { save(view, c.version); view.focus(); };
  document.getElementById("ladda-om").focus();
}

// ---- the editor ---------------------------------------------------------------------------
const view = new EditorView({
  parent: document.getElementById("redigerare"),
  state: EditorState.create({
    doc: start.text,
    extensions: [
      lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(),
      history(), indentOnInput(), bracketMatching(), closeBrackets(), highlightSelectionMatches(),
      search({ top: true }),
      markdownLanguage.extension, syntaxHighlighting(highlight), inlineExpressions,
      autocompletion({ override: [complete], activateOnTyping: true, icons: false }),
      diagnostics, lintGutter(), hover,
      keymap.of([
        { key: "Mod-s", preventDefault: true, run: (v) => { save(v); return true; } },
        ...closeBracketsKeymap, ...completionKeymap, ...searchKeymap, ...historyKeymap,
        ...lintKeymap, ...defaultKeymap,
      ]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        "aria-label": `Notebookens källkod, ${start.fil}`,
        "aria-describedby": "hjalp",
      }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          const dirty = u.state.doc.toString() !== savedText;
          document.title = (dirty ? "* " : "") + document.title.replace(/^\* /, "");
        }
        if (u.selectionSet && !u.docChanged) followCursor(u.state);
      }),
      EditorView.theme({ ".cm-inline-expr": { backgroundColor: "#eef3fb", borderRadius: "3px" } }),
    ],
  }),
});
window.rapportbokRedigerare = view;
view.focus();

document.getElementById("spara").addEventListener("click", () => save(view));
document.addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") { e.preventDefault(); save(view); }
});
window.addEventListener("beforeunload", (e) => {
  if (view.state.doc.toString() !== savedText) { e.preventDefault(); e.returnValue = ""; }
});

// ---- the page beside the source: each follows the other through source lines --------------
function frameDoc() { try { return frame.contentDocument; } catch { return null; } }
let followTimer = 0;
function followCursor(state) {
  clearTimeout(followTimer);
  followTimer = setTimeout(() => {
    const doc = frameDoc();
    if (!doc) return;
    const line = state.doc.lineAt(state.selection.main.head).number;
    let best = null, bestLine = -1;
    for (const el of doc.querySelectorAll("[data-line]")) {
      const n = Number(el.getAttribute("data-line"));
      if (n <= line && n >= bestLine) { best = el; bestLine = n; }
    }
    for (const old of doc.querySelectorAll(".rb-aktuell")) old.classList.remove("rb-aktuell");
    if (best) { best.classList.add("rb-aktuell"); best.scrollIntoView({ block: "nearest" }); }
  }, 120);
}
frame.addEventListener("load", () => {
  const doc = frameDoc();
  if (!doc) return;
  const style = doc.createElement("style");
  style.textContent = ".rb-aktuell { outline: 2px dashed #0b5394; outline-offset: 4px; } [data-line] { cursor: pointer; }";
  doc.head.append(style);
  doc.addEventListener("click", (e) => {
    const el = e.target.closest && e.target.closest("[data-line]");
    if (!el || e.target.closest("a")) return;
    const pos = toPos(view.state.doc, Number(el.getAttribute("data-line")), 1);
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  });
  doc.addEventListener("rapportbok:uppdaterad", () => {
    lastUpdate = performance.now();
    if (saveStarted) { timings.spara.push(lastUpdate - saveStarted); }
    if (status.textContent.startsWith("Sparat") && !status.textContent.includes("sidan")) {
      status.textContent = status.textContent.replace(/\.$/, ", sidan är uppdaterad.");
    }
    followCursor(view.state);
  });
});
