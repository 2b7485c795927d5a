// A minimal DOM for node tests of the web views (no dependencies): elements with attributes,
// children, text and click listeners; enough for document.createElement / createElementNS /
// createTextNode, append, replaceChildren, classList and textContent. innerHTML is deliberately
// absent: a view that used it would throw here.
class FakeNode {}

class FakeText extends FakeNode {
  constructor(text) {
    super();
    this.data = text;
  }

  get textContent() {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.children = [];
    this.listeners = new Map();
    this.className = '';
    this.classList = { add: (name) => { this.className = `${this.className} ${name}`.trim(); } };
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.get(name) ?? null;
  }

  append(...nodes) {
    for (const node of nodes) this.children.push(node instanceof FakeNode ? node : new FakeText(String(node)));
  }

  replaceChildren(...nodes) {
    this.children = [];
    this.append(...nodes);
  }

  addEventListener(type, listener) {
    this.listeners.set(type, listener);
  }

  get textContent() {
    return this.children.map((child) => child.textContent).join('');
  }

  *walk() {
    yield this;
    for (const child of this.children) if (child instanceof FakeElement) yield* child.walk();
  }

  findAll(predicate) {
    return [...this.walk()].filter(predicate);
  }
}

export function installFakeDom() {
  globalThis.Node = FakeNode;
  globalThis.document = {
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (namespace, tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeText(text),
  };
  return () => new FakeElement('main');
}
