import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { Compartment, EditorState, RangeSet, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  gutter,
  GutterMarker,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

/** The languages Berth edits, each with its highlighting. */
export type CodeLanguage = 'dockerfile' | 'yaml';

/** A problem on a line of the text (1-based), said in the user's language. */
export interface LineProblem {
  line: number;
  message: string;
}

/** What a page asks of its editor besides typing: mark a line, take the focus. */
export interface CodeEditorHandle {
  /** Marks a line (1-based), scrolls it into view and puts the cursor on it. */
  markLine(line: number): void;
  focus(): void;
}

const setMarkedLine = StateEffect.define<number | null>();

/** The marked line's decoration; it follows edits above it, and goes when its line is removed. */
const markedLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setMarkedLine)) continue;
      const line = effect.value;
      next =
        line === null || line > transaction.state.doc.lines
          ? Decoration.none
          : Decoration.set([
              Decoration.line({ class: 'cm-marked-line', attributes: { 'data-marked-line': String(line) } }).range(
                transaction.state.doc.line(line).from,
              ),
            ]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const setProblems = StateEffect.define<readonly LineProblem[]>();

/** The mark in the gutter beside a line with a problem; its title says the problem. */
class ProblemMarker extends GutterMarker {
  constructor(readonly message: string) {
    super();
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof ProblemMarker && other.message === this.message;
  }
  override toDOM(): Node {
    const mark = document.createElement('span');
    mark.className = 'cm-problem-mark';
    mark.textContent = '●';
    mark.title = this.message;
    mark.setAttribute('aria-hidden', 'true');
    return mark;
  }
}

interface ProblemMarks {
  lines: DecorationSet;
  gutter: RangeSet<GutterMarker>;
}

/**
 * The lines with problems: highlighted, with the message as their title, and marked in the gutter.
 * The marks follow edits until the next set of problems replaces them.
 */
const problemMarks = StateField.define<ProblemMarks>({
  create: () => ({ lines: Decoration.none, gutter: RangeSet.empty }),
  update(marks, transaction) {
    let next = { lines: marks.lines.map(transaction.changes), gutter: marks.gutter.map(transaction.changes) };
    for (const effect of transaction.effects) {
      if (!effect.is(setProblems)) continue;
      const doc = transaction.state.doc;
      const byLine = new Map<number, string[]>();
      for (const problem of effect.value) {
        if (problem.line < 1 || problem.line > doc.lines) continue;
        byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem.message]);
      }
      const lines = [...byLine.keys()].sort((a, b) => a - b);
      next = {
        lines: Decoration.set(
          lines.map((line) =>
            Decoration.line({
              class: 'cm-problem-line',
              attributes: { 'data-problem-line': String(line), title: byLine.get(line)!.join('\n') },
            }).range(doc.line(line).from),
          ),
        ),
        gutter: RangeSet.of(
          lines.map((line) => new ProblemMarker(byLine.get(line)!.join('\n')).range(doc.line(line).from)),
        ),
      };
    }
    return next;
  },
  provide: (field) => [
    EditorView.decorations.from(field, (marks) => marks.lines),
    gutter({ class: 'cm-problem-gutter', markers: (view) => view.state.field(field).gutter }),
  ],
});

// The colours are CSS variables the wrapper sets for light and dark (see editorColours), so one
// highlight style serves both themes.
const highlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--cm-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--cm-string)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: tags.number, color: 'var(--cm-number)' },
  { tag: [tags.variableName, tags.definition(tags.variableName)], color: 'var(--cm-variable)' },
  { tag: tags.invalid, color: 'var(--cm-invalid)' },
  // YAML: keys stand out like keywords; anchors and aliases like variables.
  { tag: tags.definition(tags.propertyName), color: 'var(--cm-keyword)', fontWeight: '600' },
  { tag: [tags.labelName, tags.typeName], color: 'var(--cm-variable)' },
]);

const editorTheme = EditorView.theme({
  // As tall as the file, between a few lines and most of a small window; longer files scroll inside.
  '&': { fontSize: '13px', backgroundColor: 'var(--cm-background)', color: 'var(--cm-text)', maxHeight: '26rem' },
  '.cm-content, .cm-gutter': { minHeight: '10rem' },
  '&.cm-focused': { outline: '2px solid var(--cm-focus)', outlineOffset: '-2px' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    lineHeight: '1.6',
    overflow: 'auto',
  },
  '.cm-content': { caretColor: 'var(--cm-text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--cm-text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--cm-gutter)',
    color: 'var(--cm-gutter-text)',
    borderRight: '1px solid var(--cm-border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--cm-selection) !important',
  },
  '.cm-marked-line': { backgroundColor: 'var(--cm-marked)', boxShadow: 'inset 3px 0 0 var(--cm-marked-edge)' },
  '.cm-problem-line': { backgroundColor: 'var(--cm-problem)', boxShadow: 'inset 3px 0 0 var(--cm-invalid)' },
  '.cm-problem-gutter': { minWidth: '1rem', textAlign: 'center' },
  '.cm-problem-mark': { color: 'var(--cm-invalid)', fontSize: '10px' },
});

/** The colours, light then dark, as Tailwind sets CSS variables on the editor's wrapper. */
export const editorColours = [
  '[--cm-background:#ffffff] [--cm-text:#0f172a] [--cm-gutter:#f8fafc] [--cm-gutter-text:#475569] [--cm-border:#e2e8f0]',
  '[--cm-keyword:#0369a1] [--cm-string:#047857] [--cm-comment:#475569] [--cm-number:#b45309] [--cm-variable:#7e22ce] [--cm-invalid:#be123c]',
  '[--cm-active-line:#f1f5f9] [--cm-selection:#bae6fd] [--cm-focus:#0ea5e9] [--cm-marked:#fef3c7] [--cm-marked-edge:#d97706] [--cm-problem:#fff1f2]',
  'dark:[--cm-background:#0f172a] dark:[--cm-text:#e2e8f0] dark:[--cm-gutter:#0b1220] dark:[--cm-gutter-text:#94a3b8] dark:[--cm-border:#1e293b]',
  'dark:[--cm-keyword:#7dd3fc] dark:[--cm-string:#6ee7b7] dark:[--cm-comment:#94a3b8] dark:[--cm-number:#fcd34d] dark:[--cm-variable:#d8b4fe] dark:[--cm-invalid:#fda4af]',
  'dark:[--cm-active-line:#1e293b] dark:[--cm-selection:#075985] dark:[--cm-focus:#38bdf8] dark:[--cm-marked:#422006] dark:[--cm-marked-edge:#f59e0b] dark:[--cm-problem:#4c0519]',
].join(' ');

/**
 * The code editor of the Build page (Dockerfiles) and the Compose page (YAML): CodeMirror 6 with
 * highlighting for its language, line numbers, problems marked on their lines, and Ctrl/Cmd+S for
 * Save. Tab is left to move focus, so the keyboard can leave it.
 */
export function CodeEditor({
  language,
  initialText,
  label,
  problems = noProblems,
  onChange,
  onSave,
  ref,
  testId,
}: {
  language: CodeLanguage;
  /** The text when the editor mounts (a reload from disk mounts a new editor). */
  initialText: string;
  /** Marked on their lines until the next set replaces them. */
  problems?: readonly LineProblem[];
  /** Its accessible name. */
  label: string;
  onChange: (text: string) => void;
  onSave: () => void;
  ref?: Ref<CodeEditorHandle>;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const labelCompartment = useRef(new Compartment());
  // The latest callbacks, so the editor is built once.
  const callbacks = useRef({ onChange, onSave });
  useEffect(() => {
    callbacks.current = { onChange, onSave };
  }, [onChange, onSave]);

  const initial = useRef({ text: initialText, label, language });
  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current.text,
        extensions: extensions(initial.current.language, labelCompartment.current, initial.current.label, callbacks),
      }),
    });
    // A file longer than the editor scrolls inside it: the keyboard can reach that scrolling too.
    editor.scrollDOM.tabIndex = 0;
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: labelCompartment.current.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label })),
    });
  }, [label]);

  useEffect(() => {
    view.current?.dispatch({ effects: setProblems.of(problems) });
  }, [problems]);

  useImperativeHandle(
    ref,
    () => ({
      markLine(line) {
        const editor = view.current;
        if (!editor || line < 1 || line > editor.state.doc.lines) return;
        const from = editor.state.doc.line(line).from;
        editor.dispatch({
          selection: { anchor: from },
          effects: [setMarkedLine.of(line), EditorView.scrollIntoView(from, { y: 'center' })],
        });
      },
      focus() {
        view.current?.focus();
      },
    }),
    [],
  );

  // data-value: the file is the user's own text, not Berth's words (the Korean screen check skips it).
  return <div ref={host} data-testid={testId} data-value className={editorColours} />;
}

const noProblems: readonly LineProblem[] = [];

const languages: Record<CodeLanguage, () => Extension> = {
  dockerfile: () => StreamLanguage.define(dockerFile),
  yaml: () => yaml(),
};

function extensions(
  language: CodeLanguage,
  labelCompartment: Compartment,
  label: string,
  callbacks: { current: { onChange: (text: string) => void; onSave: () => void } },
): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    // A comment explaining a step is read whole, without scrolling sideways.
    EditorView.lineWrapping,
    languages[language](),
    syntaxHighlighting(highlightStyle),
    markedLine,
    problemMarks,
    editorTheme,
    labelCompartment.of(EditorView.contentAttributes.of({ 'aria-label': label })),
    keymap.of([
      {
        key: 'Mod-s',
        preventDefault: true,
        run: () => {
          callbacks.current.onSave();
          return true;
        },
      },
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
    }),
  ];
}
