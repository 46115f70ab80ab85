// Every piece of user text that reaches a printed document goes through escapeHtml: the print window runs no
// scripts, but a stray `<` in a note must still print as a `<`, not swallow the rest of the record.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text, safe inside element content and inside double- or single-quoted attributes. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/**
 * Multi-line user text (notes, decision text) for an element styled `white-space: pre-wrap`: escaped, with Windows
 * and old-Mac line ends made `\n`, and trailing blank lines dropped so they do not print as empty space.
 */
export const escapeMultiline = (s: string): string => escapeHtml(s.replace(/\r\n?/g, '\n').replace(/\s+$/, ''));
