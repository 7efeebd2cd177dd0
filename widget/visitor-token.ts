// The one thing the widget keeps in the visitor's browser, and only after consent is recorded: the
// visitor token the server issued, under `atiende:visitor`. Storage can be missing or refused (a
// sandboxed frame, a strict privacy mode); the chat then works for this page only.
const KEY = 'atiende:visitor';

/** Where storage is refused (some framed pages, such as a Facebook tab), the visitor lives here for the page's life. */
let inMemory: StoredVisitor | undefined;

export interface StoredVisitor {
  token: string;
  visitorId: string;
}

/** The stored visitor, if any; reading writes nothing. */
export function readVisitor(): StoredVisitor | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<StoredVisitor> | null;
    return typeof value?.token === 'string' && typeof value.visitorId === 'string'
      ? { token: value.token, visitorId: value.visitorId }
      : inMemory;
  } catch {
    return inMemory;
  }
}

export function saveVisitor(visitor: StoredVisitor): void {
  inMemory = { token: visitor.token, visitorId: visitor.visitorId };
  try {
    localStorage.setItem(KEY, JSON.stringify({ token: visitor.token, visitorId: visitor.visitorId }));
  } catch {
    // Not stored: the conversation still works until the page is left.
  }
}

/** Consent withdrawn, or the token refused: nothing of the visitor stays in this browser. */
export function forgetVisitor(): void {
  inMemory = undefined;
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing could have been stored either.
  }
}
