// Keyboard shortcuts: pages register theirs while mounted; `?` lists whatever is registered now.
import { useEffect, useRef } from './lib.js';

const layers = new Set();
const listeners = new Set();

function typing(target) {
  const t = target?.tagName;
  return t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT' || target?.isContentEditable;
}

export function activeShortcuts() {
  return [...layers].flatMap((l) => l.current.filter((s) => !s.hidden));
}

export function onShortcutsChanged(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Registers [{ key, label, run, when? }] for the lifetime of the calling component. */
export function useShortcuts(list) {
  const ref = useRef(list);
  ref.current = list;
  useEffect(() => {
    layers.add(ref);
    listeners.forEach((fn) => fn());
    return () => {
      layers.delete(ref);
      listeners.forEach((fn) => fn());
    };
  }, []);
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  if (typing(e.target)) {
    // Escape leaves a text field, so the next key is a shortcut again (keyboard-first).
    if (e.key === 'Escape' && !e.target.closest('dialog')) e.target.blur();
    return;
  }
  if (document.querySelector('dialog[open]')) return; // the dialog handles its own keys (Escape closes it)
  // Last registered (innermost page) first.
  for (const layer of [...layers].reverse()) {
    const s = layer.current.find((x) => x.key === e.key && (!x.when || x.when()));
    if (s) {
      e.preventDefault();
      s.run(e);
      return;
    }
  }
});
