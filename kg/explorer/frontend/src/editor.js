// The SPARQL editor: CodeMirror 6 with the legacy SPARQL mode, the project's prefixes,
// Ctrl+Enter to run, and the server's parse errors marked on the line they name.

import {EditorState, StateEffect, StateField, Prec} from '@codemirror/state';
import {EditorView, Decoration, keymap, lineNumbers, drawSelection, highlightActiveLine} from '@codemirror/view';
import {defaultKeymap, history, historyKeymap} from '@codemirror/commands';
import {StreamLanguage, bracketMatching, defaultHighlightStyle, syntaxHighlighting} from '@codemirror/language';
import {sparql} from '@codemirror/legacy-modes/mode/sparql';

const markError = StateEffect.define();
const errorLine = Decoration.line({class: 'cm-error-line'});

const errorField = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    if (transaction.docChanged) return Decoration.none;
    for (const effect of transaction.effects) {
      if (effect.is(markError)) {
        const line = effect.value;
        if (line === null) return Decoration.none;
        const doc = transaction.state.doc;
        const safe = Math.min(Math.max(line, 1), doc.lines);
        return Decoration.set([errorLine.range(doc.line(safe).from)]);
      }
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// Oxigraph's parser says "error at 3:14: …" (line:column); other servers "line 3".
export function errorLineOf(message) {
  const match = /\b(?:at|line)\s+(\d+)(?::(\d+))?/i.exec(message);
  return match ? Number(match[1]) : null;
}

export function createEditor(parent, {onRun, onChange}) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        StreamLanguage.define(sparql),
        syntaxHighlighting(defaultHighlightStyle),
        errorField,
        // Tab is left to the browser, so the page can be crossed by keyboard.
        Prec.highest(keymap.of([{key: 'Mod-Enter', run: () => (onRun(), true)}])),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
        EditorView.cspNonce.of(document.querySelector('meta[name=csp-nonce]')?.content ?? ''),
        EditorView.contentAttributes.of({'aria-label': 'SPARQL query', 'data-testid': 'query-text'}),
      ],
    }),
  });
  return {
    view,
    get text() {
      return view.state.doc.toString();
    },
    set text(value) {
      view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: value}});
    },
    markError(line) {
      view.dispatch({effects: markError.of(line)});
    },
    focus() {
      view.focus();
    },
  };
}
