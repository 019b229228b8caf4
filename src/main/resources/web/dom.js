// The screens' DOM helpers. Server text only ever becomes text nodes here: nothing goes through
// innerHTML, so a queue or document name with markup in it is shown as typed, never run.
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

// A random key that nobody else can derive (crypto.randomUUID needs a secure context; getRandomValues does not).
export function randomKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

// Follows an event stream with fetch, which (unlike EventSource) can send the Authorization header
// the staff stream needs. Reconnects after a pause from the last id seen. onEvent(type, data) for
// each event; onState(true) while connected, onState(false, status) when not. Returns a stop function.
export function followStream(url, headers, onEvent, onState = () => {}) {
  let lastId = null;
  let stopped = false;
  const dispatch = block => {
    let type = 'message', data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('id:')) lastId = line.slice(3).trim();
      else if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (data) onEvent(type, data);
  };
  (async () => {
    while (!stopped) {
      let status = 0;
      try {
        const r = await fetch(url, { cache: 'no-store',
          headers: { ...headers, Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) } });
        status = r.status;
        if (r.ok) {
          onState(true);
          const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (let part = await reader.read(); !part.done && !stopped; part = await reader.read()) {
            buffer += part.value.replace(/\r/g, '');
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        }
      } catch (e) { /* the connection broke: try again below */ }
      onState(false, status);
      if (status === 401 || status === 403) return;
      await new Promise(resume => setTimeout(resume, 2000));
    }
  })();
  return () => { stopped = true; };
}
