// The screens' DOM helpers; the rest of what they share is in lib.js. Server text only ever becomes
// text nodes here: nothing goes through innerHTML, so a queue or document name with markup in it is
// shown as typed, never run.
export const $ = id => document.getElementById(id);

// el('label', { className: 'x', dataset: { doc: 0 } }, child, 'text', ...): strings become text nodes.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'style') Object.assign(node.style, value); // CSSOM, which the Content-Security-Policy allows
    else node[name] = value;
  }
  node.append(...children.flat().filter(c => c !== undefined && c !== null && c !== false).map(c => (c instanceof Node ? c : String(c))));
  return node;
}
